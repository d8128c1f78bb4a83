/**
 * Messages that name files (through _bulk_docs, both engines): only the writer's own uploads to that ticket, named
 * as uploaded, an internal upload by an internal note only, no more than ATTACHMENT_MAX_FILES; old devices' messages
 * still taken; an identical re-send passes without a new revision.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../app/model/constants';
import { aMessage, aTicket } from '../../app/model/fixtures';
import { newId } from '../../app/model/ids';
import type { MessageAttachment, MessageDoc } from '../../app/model/message.schema';
import type { TicketDoc } from '../../app/model/ticket.schema';
import type { ServerConfig } from '../config';
import type { AttachmentMeta } from '../services/attachment-store';
import { download, upload } from './attachment-test-helpers';
import { couch, createAdaTicket, createDbWorld, expectRefused, push, pushOk, type DbWorld, type Person } from './db-test-helpers';

let world: DbWorld;
afterEach(async () => world.app.close());

async function start(overrides: Partial<ServerConfig> = {}): Promise<TicketDoc> {
  world = await createDbWorld(300, overrides);
  return (await createAdaTicket(world)).ticket;
}

/** Uploads fresh bytes as `person` to `ticketId`; returns the file as a message names it (the upload's answer). */
async function uploaded(person: Person, ticketId: string, visibility: 'public' | 'internal' = 'public'): Promise<MessageAttachment> {
  const res = await upload(person, { ticketId, bytes: randomBytes(64), name: 'trace.log', type: 'text/plain', visibility });
  expect(res.status).toBe(201);
  const { id, name, declaredType, size, sha256 } = res.body as AttachmentMeta;
  return { id, name, type: declaredType, size, sha256 };
}

const naming = (ticket: TicketDoc, author: Person, files: MessageAttachment[], overrides: Partial<MessageDoc> = {}): MessageDoc =>
  aMessage(ticket, author.user, { id: newId(), attachments: files, ...overrides });

async function expectNotStored(message: MessageDoc): Promise<void> {
  await expect(world.app.storage.messages.get(message.id)).rejects.toMatchObject({ status: 404 });
}

describe('a message that names files', () => {
  it('is stored when it names the author’s own uploads to that ticket, and sent again as it was it keeps its revision', async () => {
    const ticket = await start();
    const files = [await uploaded(world.ada, ticket.id), await uploaded(world.ada, ticket.id)];
    const message = naming(ticket, world.ada, files);
    const rev = await pushOk(world.ada, 'messages', couch(message));
    expect((await world.app.storage.messages.get(message.id)).attachments).toEqual(files);
    const [again] = await push(world.ada, 'messages', [couch(message, rev)]);
    expect(again).toMatchObject({ ok: true, rev });
  });

  it('is refused when it names another customer’s upload by its real id, and that file stays unreadable', async () => {
    const ticket = await start();
    const ofGrace = aTicket(world.grace.user, { id: newId() });
    await pushOk(world.grace, 'tickets', couch(ofGrace));
    const gracesFile = await uploaded(world.grace, ofGrace.id);
    const message = naming(ticket, world.ada, [gracesFile]);
    const [row] = await push(world.ada, 'messages', [couch(message)]);
    expectRefused(row, 'forbidden', 'the message names a file that was not uploaded to this ticket');
    await expectNotStored(message);
    expect((await download(world.ada, gracesFile.id)).status).toBe(404);
  });

  it('is refused when it names the author’s upload to another ticket, or names an upload other than it was', async () => {
    const ticket = await start();
    const other = (await createAdaTicket(world)).ticket;
    const elsewhere = await uploaded(world.ada, other.id);
    const [moved] = await push(world.ada, 'messages', [couch(naming(ticket, world.ada, [elsewhere]))]);
    expectRefused(moved, 'forbidden', 'not uploaded to this ticket');
    const here = await uploaded(world.ada, ticket.id);
    for (const changed of [{ size: here.size + 1 }, { sha256: 'ab'.repeat(32) }, { name: 'renamed.log' }]) {
      const [row] = await push(world.ada, 'messages', [couch(naming(ticket, world.ada, [{ ...here, ...changed }]))]);
      expectRefused(row, 'forbidden', 'other than it was uploaded');
    }
  });

  it('is refused when it names an id nobody uploaded, with the same reason as another’s file', async () => {
    const ticket = await start();
    const made = { id: newId(), name: 'ghost.png', type: 'image/png', size: 10, sha256: 'cd'.repeat(32) };
    const [row] = await push(world.ada, 'messages', [couch(naming(ticket, world.ada, [made]))]);
    expectRefused(row, 'forbidden', 'the message names a file that was not uploaded to this ticket');
  });

  it('names an internal upload only in an agent’s internal note, never in a public message', async () => {
    const ticket = await start();
    const internal = await uploaded(world.sam, ticket.id, 'internal');
    const reply = naming(ticket, world.sam, [internal]);
    const [row] = await push(world.sam, 'messages', [couch(reply)]);
    expectRefused(row, 'forbidden', 'a file uploaded for an internal note can only be named by an internal note');
    await expectNotStored(reply);
    await pushOk(world.sam, 'messages', couch(naming(ticket, world.sam, [internal], { visibility: 'internal' })));
    const shared = await uploaded(world.sam, ticket.id);
    await pushOk(world.sam, 'messages', couch(naming(ticket, world.sam, [shared], { visibility: 'internal' })));
  });

  it('is refused past ATTACHMENT_MAX_FILES, and taken at the limit', async () => {
    const ticket = await start({ attachmentMaxFiles: 2 });
    const files = [await uploaded(world.ada, ticket.id), await uploaded(world.ada, ticket.id), await uploaded(world.ada, ticket.id)];
    const [row] = await push(world.ada, 'messages', [couch(naming(ticket, world.ada, files))]);
    expectRefused(row, 'forbidden', 'a message may name at most 2 files');
    await pushOk(world.ada, 'messages', couch(naming(ticket, world.ada, files.slice(0, 2))));
  });

  it('does not let a stored message gain files by a “re-send”', async () => {
    const ticket = await start();
    const plain = aMessage(ticket, world.ada.user, { id: newId() });
    const rev = await pushOk(world.ada, 'messages', couch(plain));
    const file = await uploaded(world.ada, ticket.id);
    const [row] = await push(world.ada, 'messages', [couch({ ...plain, attachments: [file] }, rev)]);
    expectRefused(row, 'forbidden', 'messages cannot be edited');
  });
});

describe('a message from a device of the previous schema version', () => {
  it('is still taken, without attachments', async () => {
    const ticket = await start();
    const old = aMessage(ticket, world.ada.user, { id: newId(), schemaVersion: SCHEMA_VERSION - 1 });
    await pushOk(world.ada, 'messages', couch(old));
    expect((await world.app.storage.messages.get(old.id)).schemaVersion).toBe(SCHEMA_VERSION - 1);
  });
});
