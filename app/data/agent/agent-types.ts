/** The agent inbox's data API (engineer AGENT-UI reads these types; agent-data.ts implements them). */
import type { Accessor } from 'solid-js';
import type { AuthorRole, Channel, Priority, TicketDoc, TicketStatus } from '../../model';
import type { ChosenFiles, ConversationSummary, MessageView } from '../bridge/types';

/** What the inbox list shows: status (or all), priority (or all), only my tickets, free text. */
export interface InboxFilter {
  status: TicketStatus | 'all';
  priority: Priority | 'all';
  assignedToMe: boolean;
  /** Matches the subject, the `TK-n` number (or just `n`) and the customer's name, any case; '' matches all. */
  search: string;
}

/** The filter that shows every ticket. */
export const ALL_TICKETS: InboxFilter = { status: 'all', priority: 'all', assignedToMe: false, search: '' };

/** One row of the inbox: the ticket (without its description, which no row shows) and what the device derives from its messages. */
export interface InboxRow {
  ticket: Omit<TicketDoc, 'description'>;
  customerName: string;
  /** The channels of the ticket's public conversations, in the order they started. */
  channels: Channel[];
  /** The newest message of any kind (internal notes included), or null when the ticket has none yet. */
  lastMessage: { authorName: string; authorRole: AuthorRole; body: string; createdAt: number; internal: boolean } | null;
  /** When the newest message was written, else when the ticket was created (what the row's time shows). */
  lastMessageAt: number;
  /** The newest of creation, status change and last message: the list's order, newest first. */
  lastActivityAt: number;
  messageCount: number;
  /** The ticket has customer messages the agent has not opened on this device. */
  unread: boolean;
}

/** The selected ticket with every message (internal notes included) and its public conversations. */
export interface AgentThread {
  ticket: TicketDoc;
  /** All messages, oldest first, each with its delivery state; `visibility: 'internal'` marks a note. */
  messages: MessageView[];
  /** The public conversations in the order they started (notes are not a conversation). */
  conversations: ConversationSummary[];
}

/** An agent as the assignee picker lists them. */
export interface AgentSummary {
  id: string;
  name: string;
}

/** The agent's side of the data layer; reached through `useAgentData()` when the signed-in user is an agent. */
export interface AgentData {
  /** The inbox rows matching `filter`, newest activity first; `undefined` while the device's copy loads. */
  inbox(filter: Accessor<InboxFilter>): Accessor<InboxRow[] | undefined>;
  /** How many tickets are unread on this device (for the page title). */
  unreadCount: Accessor<number>;
  /** Marks the ticket's customer messages so far as read on this device (call when the thread shows, and as new ones arrive while it is open). */
  markRead(ticketId: string): Promise<void>;
  /** One ticket's thread; `null` when not found, `undefined` while loading. */
  thread(ticketId: string): Accessor<AgentThread | null | undefined>;
  /** A public reply on an existing conversation; throws Error(message) when invalid. */
  agentReply(input: { ticketId: string; conversationId: string; channel: Channel; body: string; files?: ChosenFiles }): Promise<void>;
  /** A note on a conversation (the ticket's first when none is named) that other agents see and customers never receive; throws Error(message) when invalid. */
  addInternalNote(input: { ticketId: string; conversationId?: string; channel?: Channel; body: string; files?: ChosenFiles }): Promise<void>;
  /** Starts a new conversation on the ticket with its first message; returns the new conversation id. */
  startConversation(input: { ticketId: string; channel: 'email' | 'chat'; body: string; files?: ChosenFiles }): Promise<string>;
  /** Sets the ticket's status (a no-op when unchanged). */
  setStatus(ticketId: string, status: TicketStatus): Promise<void>;
  /** Sets the ticket's priority (a no-op when unchanged). */
  setPriority(ticketId: string, priority: Priority): Promise<void>;
  /** Assigns the ticket to an agent, or unassigns it with `null`. */
  setAssignee(ticketId: string, agentId: string | null): Promise<void>;
  /** Every agent, by name: from `GET /api/agents`, cached on the device for offline use; [] until known. */
  agents: Accessor<AgentSummary[]>;
}
