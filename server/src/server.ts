/**
 * The language server process. Transports: `--stdio` (through the framing guard), `--node-ipc`, `--socket=N` (chosen
 * by vscode-languageserver from the command line). stdout belongs to the protocol: everything else goes to the
 * connection's console.
 */
import { format } from 'util';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { guardedInput } from './lsp/framingGuard';
import { startLanguageServer } from './lsp/languageServer';

// Over stdio a frame with a bad Content-Length would leave the reader out of step for good: a guard reads stdin first.
const stdio = process.argv.includes('--stdio');
const connection = stdio
  ? createConnection(ProposedFeatures.all, guardedInput(process.stdin, (m) => process.stderr.write(`${m}\n`)), process.stdout)
  : createConnection(ProposedFeatures.all);
if (stdio) {
  // What vscode-languageserver does for its own `--stdio`: stdout is the protocol's, console output goes to the client.
  console.log = console.info = console.debug = (...args: unknown[]) => connection.console.log(format(...args));
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
}

// A failure in a background task must not take the server down; the client's log shows it.
process.on('unhandledRejection', (reason) => {
  connection.console.error(`Unhandled rejection: ${(reason as Error)?.stack ?? String(reason)}`);
});
process.on('uncaughtException', (error) => {
  connection.console.error(`Uncaught exception: ${error?.stack ?? String(error)}`);
});

startLanguageServer(connection);
connection.listen();
