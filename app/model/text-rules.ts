/** Text rules for what people type, with the words shown at the field; shared with the server's checks. */
import { LIMITS } from './constants';

/** The length of a text as a person counts it: trimmed, in characters (not UTF-16 units). */
export function textLength(text: string): number {
  return [...text.trim()].length;
}

/**
 * An error for a person's name, or `null` when it is fine: 1 to `LIMITS.nameMax` characters once trimmed, counted
 * in UTF-16 units as the message shape counts `authorName`, so a name that passes here never makes a reply refused.
 */
export function nameError(name: string): string | null {
  const n = name.trim().length;
  if (n === 0) return 'Enter your name.';
  if (n > LIMITS.nameMax) return `The name can be at most ${LIMITS.nameMax} characters.`;
  return null;
}

/** An error for a ticket subject, or `null` when it is fine. */
export function subjectError(subject: string): string | null {
  const n = textLength(subject);
  if (n === 0) return 'Enter a subject.';
  if (n < LIMITS.subjectMin) return `The subject must be at least ${LIMITS.subjectMin} characters.`;
  if (n > LIMITS.subjectMax) return `The subject can be at most ${LIMITS.subjectMax} characters.`;
  return null;
}

/** An error for a ticket description (optional), or `null` when it is fine. */
export function descriptionError(description: string): string | null {
  if (textLength(description) > LIMITS.descriptionMax) {
    return `The description can be at most ${LIMITS.descriptionMax.toLocaleString('en-US')} characters.`;
  }
  return null;
}

/** An error for a new request's first message (at least 10 characters), or `null`. */
export function firstMessageError(body: string): string | null {
  const n = textLength(body);
  if (n === 0) return 'Enter a message.';
  if (n < LIMITS.firstMessageMin) return `The message must be at least ${LIMITS.firstMessageMin} characters.`;
  if (n > LIMITS.messageMax) return `The message can be at most ${LIMITS.messageMax.toLocaleString('en-US')} characters.`;
  return null;
}

/** An error for a reply (a short "Thanks!" is fine, and no words at all with files), or `null`. */
export function replyError(body: string, withFiles = false): string | null {
  const n = textLength(body);
  if (n < LIMITS.replyMin && !withFiles) return 'Write a reply first.';
  if (n > LIMITS.messageMax) return `The reply can be at most ${LIMITS.messageMax.toLocaleString('en-US')} characters.`;
  return null;
}

/**
 * A new request's first message carries the ticket's own id as its id and conversation id, so the server
 * can tell it from a reply (and apply the 10-character rule) without looking anything up.
 */
export function isFirstMessage(message: { id: string; ticketId: string }): boolean {
  return message.id === message.ticketId;
}
