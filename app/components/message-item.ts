/** The plain shape of one message as the ticket screen's components show it. */
import type { AuthorRole, Channel, Visibility } from '../model/constants';
import type { MessageAttachment } from '../model/message.schema';
import type { DeliveryValue } from './delivery-state';
import type { EmailDeliveryValue } from './email-delivery-status';

/** One message as plain values (the data layer's message view fits this shape). */
export interface MessageItem {
  id: string;
  channel: Channel;
  authorRole: AuthorRole;
  authorId: string;
  authorName: string;
  body: string;
  createdAt: number;
  delivery: DeliveryValue;
  /** An email reply's mail as the server recorded it (agents' screens only); absent when there is none. */
  emailDelivery?: EmailDeliveryValue;
  /** `internal` marks an agents-only note; absent or `public` is a normal message. */
  visibility?: Visibility;
  /** The files the message names (their facts; the bytes come on demand); absent or [] when none. */
  attachments?: readonly MessageAttachment[];
}

/** A message's file as bytes, kept or fetched; rejects with a sentence for the screen. */
export type AttachmentBlob = (file: MessageAttachment) => Promise<Blob>;

/** How a role reads on screen. */
export const ROLE_LABELS: Record<AuthorRole, string> = { customer: 'Customer', agent: 'Support agent', system: 'System' };
