/** A copy written under the previous message and ticket schemas opens under the current ones with every document kept as it was. */
import { afterEach, describe, expect, it } from 'vitest';
import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { aMessage, aTicket, ada } from '../../model/fixtures';
import { messageSchema, SCHEMA_VERSION, ticketSchema, type MessageDoc, type TicketDoc } from '../../model';
import { databaseName, openDatabase, type PortalDatabase } from './database';
import { browserPlatform } from './platform-browser';
import { createOutbox } from './replication/outbox-store';
import { freshStorage } from '../testing/portal-fixture';

/** The message schema as devices had it before messages named files (RxDB version 0, no `attachments`). */
function previousMessageSchema(): RxJsonSchema<MessageDoc> {
  const { attachments: _added, ...properties } = messageSchema.properties as Record<string, unknown>;
  return { ...messageSchema, version: 0, properties } as unknown as RxJsonSchema<MessageDoc>;
}

/** The ticket schema as devices had it before tickets were rated (RxDB version 0, no `rating`). */
function previousTicketSchema(): RxJsonSchema<TicketDoc> {
  const { rating: _added, ...properties } = ticketSchema.properties as Record<string, unknown>;
  return { ...ticketSchema, version: 0, properties } as unknown as RxJsonSchema<TicketDoc>;
}

let db: PortalDatabase | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

describe('opening a copy made under the previous message and ticket schemas', () => {
  it('keeps every ticket and message as it was, and takes messages that name files and rated tickets from then on', async () => {
    localStorage.clear();
    const storage = freshStorage();
    const ticket = aTicket(ada, { id: 't-old', schemaVersion: SCHEMA_VERSION - 1 });
    const old = [
      aMessage(ticket, ada, { id: 't-old', conversationId: 't-old', body: 'My printer jams on every page.', schemaVersion: SCHEMA_VERSION - 1 }),
      aMessage(ticket, ada, { id: 'm-old', schemaVersion: SCHEMA_VERSION - 1, createdAt: 3_000 }),
    ];
    const before = await createRxDatabase({ name: databaseName(ada.id), storage, multiInstance: false });
    const made = await before.addCollections({ tickets: { schema: previousTicketSchema() }, messages: { schema: previousMessageSchema() } });
    await made.tickets.insert(ticket);
    await made.messages.bulkInsert(old);
    await before.close();

    db = await openDatabase(ada, createOutbox(), browserPlatform({ storage }));

    expect(db.messages.schema.version).toBe(1);
    expect(db.tickets.schema.version).toBe(1);
    const kept = await db.messages.find({ sort: [{ createdAt: 'asc' }, { id: 'asc' }] }).exec();
    expect(kept.map((doc) => doc.toJSON())).toEqual(old);
    expect((await db.tickets.findOne('t-old').exec())?.toJSON()).toEqual(ticket);
    const naming = aMessage(ticket, ada, {
      id: 'm-new',
      attachments: [{ id: 'file-1', name: 'screen.png', type: 'image/png', size: 20, sha256: 'a'.repeat(64) }],
    });
    await db.messages.insert(naming);
    expect((await db.messages.findOne('m-new').exec())?.toJSON()).toEqual(naming);
    const rated = aTicket(ada, { id: 't-rated', status: 'resolved', rating: { value: 'bad', comment: 'Slow.', ratedAt: 4_000 } });
    await db.tickets.insert(rated);
    expect((await db.tickets.findOne('t-rated').exec())?.toJSON()).toEqual(rated);
  });
});
