/** The demo's tickets as a script (who says what, when) and the builder that turns it into model documents. */
import { SCHEMA_VERSION, type Channel, type Priority, type TicketStatus } from '../../app/model/constants';
import { newId } from '../../app/model/ids';
import type { MessageDoc } from '../../app/model/message.schema';
import type { TicketDoc } from '../../app/model/ticket.schema';
import type { SessionUser } from '../../app/model/user';

/** One line of a conversation: who speaks (`note` = an agent's internal note), minutes after the ticket opened, text. */
export type DemoLine = readonly ['customer' | 'agent' | 'note', number, string];

/** A conversation on one channel. */
export interface DemoConversation {
  channel: Channel;
  lines: readonly DemoLine[];
}

/** One ticket of the script; its first conversation is the portal request, opened by the customer's first line. */
export interface DemoTicket {
  subject: string;
  description: string;
  status: TicketStatus;
  priority: Priority;
  /** When the ticket was opened, in hours before the seed. */
  hoursAgo: number;
  /** Assigned to the demo agent. */
  assigned: boolean;
  conversations: readonly DemoConversation[];
}

/** Documents in CouchDB form (`_id`), ready for the document writer. */
export interface DemoDocs {
  tickets: Array<Omit<TicketDoc, 'id'> & { _id: string }>;
  messages: Array<Omit<MessageDoc, 'id'> & { _id: string }>;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function couch<T extends { id: string }>(doc: T): Omit<T, 'id'> & { _id: string } {
  const { id, ...fields } = doc;
  return { _id: id, ...fields };
}

/** Builds one customer's tickets and messages, oldest first. Server-owned fields are left for the server. */
export function buildDemoDocs(customer: SessionUser, agent: SessionUser, script: readonly DemoTicket[], now: number): DemoDocs {
  const docs: DemoDocs = { tickets: [], messages: [] };
  const ordered = [...script].sort((a, b) => b.hoursAgo - a.hoursAgo);
  for (const item of ordered) {
    const ticketId = newId();
    const openedAt = Math.round(now - item.hoursAgo * HOUR);
    let lastAt = openedAt;
    item.conversations.forEach((conversation, index) => {
      const conversationId = index === 0 ? ticketId : newId();
      conversation.lines.forEach(([who, minutes, body], lineIndex) => {
        const createdAt = Math.min(now - MINUTE, openedAt + minutes * MINUTE);
        lastAt = Math.max(lastAt, createdAt);
        const first = index === 0 && lineIndex === 0;
        const byCustomer = who === 'customer';
        docs.messages.push(
          couch<MessageDoc>({
            id: first ? ticketId : newId(),
            schemaVersion: SCHEMA_VERSION,
            ticketId,
            customerId: customer.id,
            conversationId,
            channel: conversation.channel,
            visibility: who === 'note' ? 'internal' : 'public',
            authorRole: byCustomer ? 'customer' : 'agent',
            authorId: byCustomer ? customer.id : agent.id,
            authorName: byCustomer ? customer.name : agent.name,
            body,
            createdAt,
          }),
        );
      });
    });
    docs.tickets.push(
      couch<TicketDoc>({
        id: ticketId,
        schemaVersion: SCHEMA_VERSION,
        customerId: customer.id,
        customerName: '',
        number: null,
        subject: item.subject,
        description: item.description,
        status: item.status,
        statusChangedAt: item.status === 'open' ? openedAt : lastAt,
        priority: item.priority,
        assigneeId: item.assigned ? agent.id : null,
        createdAt: openedAt,
      }),
    );
  }
  return docs;
}
