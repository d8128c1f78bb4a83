/**
 * Who writes what (ARCHITECTURE.md): pure checks of one document write by one user, shared by the server
 * (which enforces them on every write) and the device (which checks before writing, so that a refused
 * document never blocks a replication batch). Each returns `null` when allowed, else the reason in words.
 */
import { ACCEPTED_SCHEMA_VERSIONS } from './constants';
import type { MessageDoc } from './message.schema';
import { customerMayChangeStatus } from './status';
import { descriptionError, firstMessageError, isFirstMessage, replyError, subjectError } from './text-rules';
import type { TicketDoc } from './ticket.schema';
import type { SessionUser } from './user';

type Reason = string | null;

const IMMUTABLE_TICKET_FIELDS = ['customerId', 'createdAt'] as const;
const AGENT_ONLY_TICKET_FIELDS = ['subject', 'description', 'priority', 'assigneeId'] as const;

function schemaVersionError(doc: { schemaVersion: number }): Reason {
  return ACCEPTED_SCHEMA_VERSIONS.includes(doc.schemaVersion)
    ? null
    : `schemaVersion ${doc.schemaVersion} is not supported; update the app`;
}

/** Server-owned fields may be echoed (or left as the placeholder) but never set by a client. */
function serverOwnedError(previous: TicketDoc | null, next: TicketDoc): Reason {
  if (next.number !== null && next.number !== previous?.number) return 'the ticket number is assigned by the server';
  if (previous && next.customerName !== '' && next.customerName !== previous.customerName) {
    return 'the customer name is set by the server';
  }
  return null;
}

function textErrors(next: TicketDoc): Reason {
  return subjectError(next.subject) ?? descriptionError(next.description);
}

/** Checks a ticket write. `previous` is the stored ticket, or `null` when the write creates it. */
export function ticketWriteError(user: SessionUser, previous: TicketDoc | null, next: TicketDoc): Reason {
  const base = schemaVersionError(next) ?? serverOwnedError(previous, next);
  if (base) return base;
  if (previous) {
    for (const field of IMMUTABLE_TICKET_FIELDS) {
      if (next[field] !== previous[field]) return `${field} cannot be changed`;
    }
  }
  return user.role === 'agent'
    ? agentTicketError(previous, next)
    : customerTicketError(user, previous, next);
}

function agentTicketError(previous: TicketDoc | null, next: TicketDoc): Reason {
  if (!previous || next.subject !== previous.subject || next.description !== previous.description) {
    return textErrors(next);
  }
  return null;
}

function customerTicketError(user: SessionUser, previous: TicketDoc | null, next: TicketDoc): Reason {
  if (next.customerId !== user.id) return 'a ticket can only be created for yourself';
  if (!previous) {
    if (next.status !== 'open') return 'a new ticket starts open';
    if (next.priority !== 'medium') return 'the priority is set by an agent';
    if (next.assigneeId !== null) return 'the assignee is set by an agent';
    return textErrors(next);
  }
  for (const field of AGENT_ONLY_TICKET_FIELDS) {
    if (next[field] !== previous[field]) return `${field} is changed by an agent`;
  }
  if (!customerMayChangeStatus(previous.status, next.status)) {
    return previous.status === 'closed'
      ? 'this ticket is closed; open a new request instead'
      : `the status cannot be changed from ${previous.status} to ${next.status}`;
  }
  return null;
}

function sameMessage(a: MessageDoc, b: MessageDoc): boolean {
  return (Object.keys(a) as (keyof MessageDoc)[]).every((key) => a[key] === b[key]);
}

/**
 * Checks a message write. `previous` is the stored message (messages are immutable: only an identical
 * re-send passes); `ticket` is the stored ticket it belongs to, or `null` when it has not arrived yet
 * (tickets and messages replicate independently, so a message may reach the server before its ticket).
 */
export function messageWriteError(
  user: SessionUser,
  previous: MessageDoc | null,
  next: MessageDoc,
  ticket: TicketDoc | null,
): Reason {
  const base = schemaVersionError(next);
  if (base) return base;
  if (previous) return sameMessage(previous, next) ? null : 'messages cannot be edited';
  if (ticket && ticket.customerId !== next.customerId) return 'the message does not belong to that ticket';
  const bodyError = isFirstMessage(next) ? firstMessageError(next.body) : replyError(next.body);
  if (bodyError) return bodyError;
  if (next.authorRole === 'system') return 'system messages are written by the server';
  if (user.role === 'agent') {
    return next.authorRole === 'agent' && next.authorId !== user.id ? 'agents write messages as themselves' : null;
  }
  if (next.customerId !== user.id) return 'you can only write on your own tickets';
  if (next.authorRole !== 'customer' || next.authorId !== user.id) return 'you can only write as yourself';
  if (next.visibility !== 'public') return 'internal notes are written by agents';
  if (ticket?.status === 'closed') return 'this ticket is closed; open a new request instead';
  return null;
}
