/** The data layer the screens use (RxDB-backed; load it lazily, never from /login). */
export { DataProvider, useData } from './data-context';
export type {
  ConversationSummary, Delivery, Draft, MessageView, PortalData, SyncStatus, TicketSummary,
} from './types';
