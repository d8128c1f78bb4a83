/** The inbox index and rows: last message, counts, channels, newest activity first, filters, search, unread. */
import { describe, expect, it } from 'vitest';
import { aMessage, aTicket, ada, grace, sam } from '../../model/fixtures';
import { ALL_TICKETS, type InboxFilter } from './agent-types';
import { InboxIndex } from './inbox-index';
import { createRowMaker, matches, normaliseSearch } from './inbox-rows';

const vat = aTicket(ada, { id: 't-vat', number: 12, subject: 'Invoice shows the wrong VAT number', createdAt: 1_000, statusChangedAt: 1_000 });
const login = aTicket(grace, { id: 't-login', number: 7, subject: 'Cannot sign in', status: 'pending', priority: 'high', assigneeId: sam.id, createdAt: 2_000, statusChangedAt: 2_000 });

function indexOf(): InboxIndex {
  const index = new InboxIndex();
  index.putTicket(vat);
  index.putTicket(login);
  index.addMessage(aMessage(vat, ada, { id: 'm1', conversationId: vat.id, createdAt: 1_000, body: 'The VAT number is wrong.' }));
  index.addMessage(aMessage(login, grace, { id: 'm2', createdAt: 2_000 }));
  return index;
}

function rows(index: InboxIndex, filter: Partial<InboxFilter> = {}, seen: Record<string, number> = {}) {
  const f = { ...ALL_TICKETS, ...filter };
  return createRowMaker()(index.byActivity().filter((e) => matches(e, f, normaliseSearch(f.search), sam.id)), seen);
}

describe('the inbox index', () => {
  it('derives last message, count, channels and orders by newest activity', () => {
    const index = indexOf();
    expect(rows(index).map((r) => r.ticket.id)).toEqual(['t-login', 't-vat']);
    index.addMessage(aMessage(vat, sam, { id: 'm3', conversationId: 'c-chat', channel: 'chat', createdAt: 3_000, body: 'On it.' }));
    index.addMessage(aMessage(vat, sam, { id: 'm4', visibility: 'internal', createdAt: 4_000, body: 'Check billing.' }));
    index.addMessage(aMessage(vat, sam, { id: 'm4', visibility: 'internal', createdAt: 4_000, body: 'Check billing.' }));
    const [first, second] = rows(index);
    expect(first!.ticket.id).toBe('t-vat');
    expect(first).toMatchObject({
      customerName: 'Ada Lovelace', channels: ['portal', 'chat'], messageCount: 3, lastMessageAt: 4_000,
      lastMessage: { body: 'Check billing.', internal: true, authorRole: 'agent' },
    });
    expect(second!.ticket.id).toBe('t-login');
  });

  it('counts a ticket status change as activity and keeps messages that arrived before their ticket', () => {
    const index = new InboxIndex();
    index.addMessage(aMessage(vat, ada, { id: 'early', createdAt: 5_000 }));
    index.putTicket(login);
    index.putTicket(vat);
    expect(rows(index)[0]).toMatchObject({ ticket: { id: 't-vat' }, messageCount: 1 });
    index.putTicket({ ...login, status: 'resolved', statusChangedAt: 9_000 });
    expect(rows(index)[0]!.ticket).toMatchObject({ id: 't-login', status: 'resolved' });
  });

  it('is restored from its stored form with the same rows, and still counts a message it counted once', () => {
    const index = indexOf();
    index.addMessage(aMessage(vat, sam, { id: 'm3', conversationId: 'c-chat', channel: 'chat', createdAt: 3_000, body: 'x'.repeat(1_000) }));
    const restored = InboxIndex.fromJSON(JSON.parse(JSON.stringify(index.toJSON())));
    expect(rows(restored)).toEqual(rows(index));
    expect(rows(restored)[0]!.lastMessage!.body).toHaveLength(400);
    restored.addMessage(aMessage(vat, ada, { id: 'm1', conversationId: vat.id, createdAt: 1_000 }));
    restored.addMessage(aMessage(vat, ada, { id: 'm5', createdAt: 5_000 }));
    expect(rows(restored)[0]).toMatchObject({ ticket: { id: 't-vat' }, messageCount: 3, channels: ['portal', 'chat'] });
  });

  it('rebuilds a ticket after a message leaves the device', () => {
    const index = indexOf();
    index.addMessage(aMessage(vat, sam, { id: 'gone', createdAt: 9_000, body: 'failed' }));
    index.resetMessages(vat.id, [aMessage(vat, ada, { id: 'm1', createdAt: 1_000, body: 'kept' })]);
    expect(rows(index).find((r) => r.ticket.id === 't-vat')).toMatchObject({ messageCount: 1, lastMessage: { body: 'kept' } });
  });
});

describe('filters and search', () => {
  it('filters by status, priority and assigned to me', () => {
    const index = indexOf();
    expect(rows(index, { status: 'pending' }).map((r) => r.ticket.id)).toEqual(['t-login']);
    expect(rows(index, { status: 'open' }).map((r) => r.ticket.id)).toEqual(['t-vat']);
    expect(rows(index, { priority: 'high' }).map((r) => r.ticket.id)).toEqual(['t-login']);
    expect(rows(index, { assignedToMe: true }).map((r) => r.ticket.id)).toEqual(['t-login']);
    expect(rows(index, { status: 'closed' })).toEqual([]);
  });

  it('searches subject, TK number and customer name in any case', () => {
    const index = indexOf();
    const ids = (search: string) => rows(index, { search }).map((r) => r.ticket.id);
    expect(ids('vat')).toEqual(['t-vat']);
    expect(ids('  SIGN in ')).toEqual(['t-login']);
    expect(ids('TK-12')).toEqual(['t-vat']);
    expect(ids('tk 7')).toEqual(['t-login']);
    expect(ids('#7')).toEqual(['t-login']);
    expect(ids('12')).toEqual(['t-vat']);
    expect(ids('grace')).toEqual(['t-login']);
    expect(ids('nothing like it')).toEqual([]);
  });
});

describe('unread on this device', () => {
  it('marks tickets with customer messages beyond the seen count, and agents’ own messages never', () => {
    const index = indexOf();
    expect(rows(index).map((r) => r.unread)).toEqual([true, true]);
    expect(rows(index, {}, { 't-vat': 1, 't-login': 1 }).map((r) => r.unread)).toEqual([false, false]);
    index.addMessage(aMessage(vat, sam, { id: 'reply', createdAt: 5_000 }));
    expect(rows(index, {}, { 't-vat': 1 })[0]).toMatchObject({ ticket: { id: 't-vat' }, unread: false });
    index.addMessage(aMessage(vat, ada, { id: 'again', createdAt: 1 })); // a customer clock far behind
    expect(rows(index, {}, { 't-vat': 1 })[0]).toMatchObject({ ticket: { id: 't-vat' }, unread: true });
  });

  it('keeps the same row object while nothing about the ticket changed', () => {
    const index = indexOf();
    const make = createRowMaker();
    const before = make(index.byActivity(), {});
    index.addMessage(aMessage(vat, sam, { id: 'new', createdAt: 9_000 }));
    const after = make(index.byActivity(), {});
    expect(after.find((r) => r.ticket.id === 't-login')).toBe(before.find((r) => r.ticket.id === 't-login'));
    expect(after.find((r) => r.ticket.id === 't-vat')).not.toBe(before.find((r) => r.ticket.id === 't-vat'));
  });
});
