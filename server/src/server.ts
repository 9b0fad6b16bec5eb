/**
 * The language server process. Transports: `--stdio`, `--node-ipc`, `--socket=N` (chosen by vscode-languageserver
 * from the command line). stdout belongs to the protocol: everything else goes to the connection's console.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startLanguageServer } from './lsp/languageServer';

const connection = createConnection(ProposedFeatures.all);

// A failure in a background task must not take the server down; the client's log shows it.
process.on('unhandledRejection', (reason) => {
  connection.console.error(`Unhandled rejection: ${(reason as Error)?.stack ?? String(reason)}`);
});
process.on('uncaughtException', (error) => {
  connection.console.error(`Uncaught exception: ${error?.stack ?? String(error)}`);
});

startLanguageServer(connection);
connection.listen();
