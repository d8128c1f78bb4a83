/** The data layer the screens use (RxDB-backed; load it lazily, never from /login). */
export { DataProvider, useAgentData, useData } from './bridge/data-context';
export { ALL_TICKETS } from './agent/agent-types';
export type { AgentData, AgentSummary, AgentThread, InboxFilter, InboxRow } from './agent/agent-types';
export type {
  ConversationSummary, Delivery, Draft, MessageView, PortalData, SyncStatus, TicketSummary,
} from './bridge/types';
