/** The data layer the screens use (RxDB-backed; load it lazily, never from /login). */
export { DataProvider, useAgentData, useData } from './bridge/data-context';
export { ALL_TICKETS } from './agent/agent-types';
export { keptFilesFollowing } from './bridge/kept-files';
export type { AgentData, AgentSummary, AgentThread, InboxFilter, InboxRow } from './agent/agent-types';
export type {
  ConversationSummary, Delivery, Draft, KeptFiles, MessageView, PortalData, SyncStatus, TicketSummary,
} from './bridge/types';
