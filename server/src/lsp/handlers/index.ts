/** Every group of request handlers the server registers. A new feature: its own module here, and one line below. */
import { customRequests } from './customRequests';
import { diagnosticRequests } from './diagnosticRequests';
import { documentRequests } from './documentRequests';
import { editingRequests } from './editingRequests';
import type { HandlerGroup } from './group';
import { knowledgeBaseRequests } from './knowledgeBaseRequests';
import { navigationRequests } from './navigationRequests';
import { sourceImportRequests } from './sourceImportRequests';
import { verifyRequests } from './verifyRequests';

export type { HandlerGroup, ServerParts } from './group';

export const HANDLER_GROUPS: readonly HandlerGroup[] = [diagnosticRequests, editingRequests, navigationRequests, documentRequests, customRequests, knowledgeBaseRequests, sourceImportRequests, verifyRequests];
