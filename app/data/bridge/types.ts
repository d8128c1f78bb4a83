/** The data API the screens use (engineer UI reads these types; the RxDB side implements them). */
import type { Accessor } from 'solid-js';
import type {
  AttachmentLimits, AuthorRole, Channel, MessageAttachment, MessageDoc, RatingValue, SessionUser, TicketDoc, TicketRating,
} from '../../model';
import type { AccountSettings } from '../../model/user';
import type { AccountResult } from '../accounts/my-account-api';
import type { AgentData } from '../agent/agent-types';
import type { SyncStatus } from '../core/replication/sync-state';

export type {
  SessionUser, TicketDoc, MessageDoc, AuthorRole, Channel, AttachmentLimits, MessageAttachment, AccountSettings, AccountResult,
  RatingValue, TicketRating,
};

/** Files chosen in a composer (the browser's `File`s), sent with the message: kept on the device until uploaded. */
export type ChosenFiles = readonly File[];

/** What every screen with files needs: the limits to tell before sending, and a message's file as bytes. */
export interface AttachmentAccess {
  /** The server's limits as the device last heard them (the defaults until then). */
  attachmentLimits(): AttachmentLimits;
  /**
   * A message's file: the copy kept on this device, else fetched from the server and kept (so a file opened once
   * stays readable offline). Rejects with a sentence for the screen (offline and never opened here, or gone).
   * Show the bytes only in an `<img>` or save them as a download, never navigate to them.
   */
  attachmentBlob(file: MessageAttachment): Promise<Blob>;
}

/** A ticket with what the device derives from its messages: last message, last activity, count. */
export interface TicketSummary extends TicketDoc {
  lastMessage: { authorName: string; authorRole: AuthorRole; body: string; createdAt: number } | null;
  lastActivityAt: number;
  messageCount: number;
  /** Its subject, description and public messages folded for My Tickets' search (`model/ticket-search.ts`). */
  searchText: string;
}

/** Whether a message written on this device reached the server. */
export type Delivery = { state: 'waiting' } | { state: 'sending' } | { state: 'sent' } | { state: 'failed'; reason: string };

/** What the server last recorded of an email reply's mail (agents only): queued, sent, or failed with the SMTP reason. */
export type EmailDelivery = { state: 'queued' } | { state: 'sent' } | { state: 'failed'; reason: string };

/** A message as the screens show it, with its delivery state. */
export interface MessageView extends MessageDoc {
  delivery: Delivery;
  /** On an agent's device, an email reply's mail once the server has recorded it; absent otherwise. */
  emailDelivery?: EmailDelivery;
}

/** A conversation of a ticket: the messages sharing one `conversationId`. */
export interface ConversationSummary {
  id: string;
  channel: Channel;
  messageCount: number;
  lastActivityAt: number;
}

export type { SyncStatus };

/** A draft kept on the device: survives a reload and an app restart, cleared on sign-out. */
export interface Draft {
  value: Accessor<string>;
  set(v: string): void;
  clear(): void;
  /** `body` (the draft's text when Send was pressed) is saved: it leaves the draft, and what was typed meanwhile stays. */
  sent(body: string): void;
}

/** The files chosen in a composer and not sent yet: kept on the device like a draft (a reload brings them back). */
export interface KeptFiles {
  files: Accessor<readonly File[]>;
  set(files: readonly File[]): void;
}

/** The user's own account on the server (Settings), online only; each answers a plain result and never throws. */
export interface AccountActions {
  /** The account as the server holds it; the kept user takes its name. */
  read(): Promise<AccountResult<AccountSettings>>;
  /** Saves a new name or notification choice; the kept user (and so the app bar and the next writes) takes the name. */
  save(change: { name?: string; emailOnAgentReply?: boolean }): Promise<AccountResult<AccountSettings>>;
  /** Changes the password with the current one: this session stays, every other one ends. */
  changePassword(currentPassword: string, newPassword: string): Promise<AccountResult<true>>;
  /** Ends every session of the account, this one too, then signs this device out as `signOut` does. */
  signOutEverywhere(): Promise<AccountResult<true>>;
}

/** Everything a route container reads and writes; reached through `useData()`. */
export interface PortalData extends AttachmentAccess {
  /** The signed-in user; `name` follows a rename in Settings (here or in another tab), reactively. */
  user: SessionUser;
  /** Settings' account actions. */
  account: AccountActions;
  /** The customer's own tickets, newest activity first; `undefined` while loading. */
  tickets(): Accessor<TicketSummary[] | undefined>;
  /** One ticket; `null` when not found, `undefined` while loading. */
  ticket(id: string): Accessor<TicketDoc | null | undefined>;
  /** The ticket's public messages, oldest first; `undefined` while loading. */
  messages(ticketId: string): Accessor<MessageView[] | undefined>;
  /** The ticket's conversations, oldest first. */
  conversations(ticketId: string): Accessor<ConversationSummary[]>;
  /** Creates a ticket and its first message locally; returns the ticket id; throws Error(message) when invalid. */
  createTicket(input: { subject: string; description: string; message: string; files?: ChosenFiles }): Promise<string>;
  /** Appends a reply; reopens a pending or resolved ticket; throws Error(message) when invalid. */
  reply(input: { ticketId: string; conversationId: string; channel: Channel; body: string; files?: ChosenFiles }): Promise<void>;
  /** Marks the ticket resolved; throws Error(message) when not allowed. */
  markResolved(ticketId: string): Promise<void>;
  /** Rates the answer on a resolved ticket, or changes the rating; throws Error(message) when not allowed. */
  rate(ticketId: string, value: RatingValue, comment: string): Promise<void>;
  /** Where the ticket's rating is on its way (waiting, sending, failed with the reason); `null` once settled or never given. */
  ratingDelivery(ticketId: string): Accessor<Delivery | null>;
  /** Takes away the notice of a refused rating. */
  dismissRatingFailure(ticketId: string): Promise<void>;
  /** Sends a failed message again. */
  retryMessage(messageId: string): Promise<void>;
  /** Removes a failed message from the device. */
  discardMessage(messageId: string): Promise<void>;
  /** The sync badge's state. */
  sync: Accessor<SyncStatus>;
  /** Stops replication, removes the device's copy, ends the session, forgets the user. */
  signOut(): Promise<void>;
  /** A draft by key (e.g. `reply:{ticketId}`, `new-request`). */
  draft(key: string): Draft;
  /** The chosen files of the composer `key` (the same object for the same key), read back from the device. */
  draftFiles(key: string): KeptFiles;
  /** The agent's inbox and writes when the user is an agent, else null (use `useAgentData()`). */
  agent: AgentData | null;
}
