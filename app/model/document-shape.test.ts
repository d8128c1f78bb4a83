/** Shape checks refuse unknown fields and wrong types with a reason naming the field. */
import { describe, expect, it } from 'vitest';
import { checkMessageShape, checkTicketShape } from './document-shape';
import { ada, aMessage, aNamedFile, aTicket } from './fixtures';

describe('document shapes', () => {
  it('accepts valid documents', () => {
    expect(checkTicketShape(aTicket()).ok).toBe(true);
    expect(checkMessageShape(aMessage(aTicket(), ada)).ok).toBe(true);
  });

  it.each([
    [{ ...aTicket(), extra: 1 }, 'unknown field extra'],
    [{ ...aTicket(), number: '7' }, 'number'],
    [{ ...aTicket(), status: 'archived' }, 'status'],
    [{ ...aTicket(), createdAt: 1.5 }, 'createdAt'],
    [{ ...aTicket(), id: '_design/evil' }, 'id'],
    [{ ...aTicket(), id: '_local/evil' }, 'id'],
    [null, 'document'],
  ])('refuses %j', (value, reason) => {
    const result = checkTicketShape(value);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(reason);
  });

  it('takes the files a message names as typed entries with their known fields only', () => {
    const message = aMessage(aTicket(), ada, { attachments: [aNamedFile()] });
    expect(checkMessageShape(message).ok).toBe(true);
    const extra = checkMessageShape({ ...message, attachments: [{ ...aNamedFile(), url: 'https://elsewhere' }] });
    expect(!extra.ok && extra.reason).toContain('unknown field url');
    const wrong = checkMessageShape({ ...message, attachments: [{ ...aNamedFile(), size: '2048' }] });
    expect(!wrong.ok && wrong.reason).toContain('attachments.0.size');
    expect(checkMessageShape({ ...message, attachments: 'file-1' }).ok).toBe(false);
  });

  it('takes a ticket with or without a rating, the rating with its known fields only', () => {
    const rated = aTicket(ada, { status: 'resolved', rating: { value: 'bad', comment: 'Slow.', ratedAt: 5_000 } });
    expect(checkTicketShape(rated).ok).toBe(true);
    const value = checkTicketShape({ ...rated, rating: { ...rated.rating, value: 'meh' } });
    expect(!value.ok && value.reason).toContain('rating.value');
    const extra = checkTicketShape({ ...rated, rating: { ...rated.rating, by: 'user-sam' } });
    expect(!extra.ok && extra.reason).toContain('unknown field by');
    expect(checkTicketShape({ ...rated, rating: 'good' }).ok).toBe(false);
  });

  it('refuses a message without a body', () => {
    const { body: _body, ...rest } = aMessage(aTicket(), ada);
    const result = checkMessageShape(rest);
    expect(!result.ok && result.reason).toContain('body');
  });
});
