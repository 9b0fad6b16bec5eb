/**
 * A group of request handlers: what it advertises at `initialize` and how it registers on the connection. A new
 * feature adds its own module and one line in ./index.ts.
 */
import type { ServerCapabilities } from 'vscode-languageserver';
import type { DiagnosticsScheduler } from '../diagnostics';
import type { IndexSync } from '../indexSync';
import type { Session } from '../session';

/** The parts of the server a handler may use. */
export interface ServerParts {
  session: Session;
  index: IndexSync;
  diagnostics: DiagnosticsScheduler;
}

export interface HandlerGroup {
  /** The capabilities the group's handlers provide, given what the client said (`session.caps`). */
  capabilities?(session: Session): ServerCapabilities;
  register(parts: ServerParts): void;
}
