/** The demo seed: the accounts and tickets issue 2 asks for, written through the document writer. */
import { afterEach, describe, expect, it } from 'vitest';
import { PRIORITIES, TICKET_STATUSES } from '../../app/model/constants';
import { checkMessageShape, checkTicketShape } from '../../app/model/document-shape';
import { createTestApp, signedInAgent, type TestApp } from '../test-support/test-app';
import { isDemoSeeded } from './demo-marker';
import { DEMO_PASSWORD, seedDemoIfWanted } from './seed-demo';
import { createLogger } from '../logger';
import { testConfig } from '../config';
import type { Database } from './storage';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

type Doc = Record<string, unknown> & { _id: string };

async function all(db: Database): Promise<Doc[]> {
  const rows = await db.allDocs({ includeDocs: true });
  return rows.map((row) => ('doc' in row ? row.doc : null) as unknown as Doc);
}

function modelDoc(doc: Doc): Record<string, unknown> {
  const { _id, _rev: _ignored, ...fields } = doc;
  return { id: _id, ...fields };
}

describe('seedDemo', () => {
  it('seeds an empty data directory with the demo accounts, tickets and messages', async () => {
    t = await createTestApp({ seedDemo: 'auto' });
    expect(t.seeded).toBe(true);
    expect(await isDemoSeeded(t.storage)).toBe(true);
    for (const email of ['ada@example.com', 'grace@example.com', 'sam@example.com']) {
      await signedInAgent(t.app, email, DEMO_PASSWORD);
    }
    const me = await (await signedInAgent(t.app, 'ada@example.com', DEMO_PASSWORD)).get('/api/session');
    const ada = me.body.user;
    expect(ada).toMatchObject({ name: 'Ada Lovelace', role: 'customer' });

    const tickets = (await all(t.storage.tickets)).map(modelDoc);
    const messages = (await all(t.storage.messages)).map(modelDoc);
    for (const ticket of tickets) expect(checkTicketShape(ticket)).toMatchObject({ ok: true });
    for (const message of messages) expect(checkMessageShape(message)).toMatchObject({ ok: true });

    const adas = tickets.filter((ticket) => ticket.customerId === ada.id);
    expect(adas.length).toBeGreaterThanOrEqual(14);
    expect(tickets.length - adas.length).toBe(3);
    expect(new Set(adas.map((ticket) => ticket.status))).toEqual(new Set(TICKET_STATUSES));
    expect(new Set(adas.map((ticket) => ticket.priority))).toEqual(new Set(PRIORITIES));
    expect(adas.every((ticket) => ticket.customerName === 'Ada Lovelace')).toBe(true);
    const numbers = tickets.map((ticket) => ticket.number);
    expect(new Set(numbers).size).toBe(tickets.length);
    expect(numbers.every((n) => Number.isInteger(n) && (n as number) > 0)).toBe(true);
    const ages = adas.map((ticket) => Date.now() - (ticket.createdAt as number));
    expect(Math.max(...ages) - Math.min(...ages)).toBeGreaterThan(21 * 24 * 3600_000);
    expect(adas.some((ticket) => ticket.description === '')).toBe(true);
    expect(adas.some((ticket) => ticket.description !== '')).toBe(true);

    for (const ticket of tickets) {
      const first = messages.find((message) => message.id === ticket.id);
      expect(first).toMatchObject({ ticketId: ticket.id, conversationId: ticket.id, channel: 'portal', authorRole: 'customer' });
      const channels = new Set(messages.filter((m) => m.ticketId === ticket.id).map((m) => m.channel));
      if (channels.has('email') && channels.has('chat')) expect(ticket.customerId).toBe(ada.id);
    }
    const both = tickets.filter((ticket) => {
      const channels = new Set(messages.filter((m) => m.ticketId === ticket.id).map((m) => m.channel));
      return channels.has('email') && channels.has('chat');
    });
    expect(both.length).toBeGreaterThanOrEqual(1);
    expect(messages.filter((m) => m.visibility === 'internal').length).toBeGreaterThanOrEqual(1);
    expect(messages.every((m) => (m.createdAt as number) <= Date.now())).toBe(true);
  });

  it('does not seed a data directory that already holds data, nor when turned off', async () => {
    t = await createTestApp({ seedDemo: false });
    expect(t.seeded).toBe(false);
    const logger = createLogger({ silent: true });
    expect(await seedDemoIfWanted(t.storage, testConfig({ seedDemo: false }), logger)).toBe(false);
    await t.storage.users.put({ _id: 'someone', type: 'other' });
    expect(await seedDemoIfWanted(t.storage, testConfig({ seedDemo: true }), logger)).toBe(false);
    expect(await t.storage.tickets.docCount()).toBe(0);
  });
});
