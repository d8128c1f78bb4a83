/**
 * The device's files against a live server (the app's own sync core in Node): a message naming files reaches
 * the server only after its files, each uploaded once; written offline, it waits and goes when the network is
 * back; a file the server refuses fails its message with the file's name and why, and Discard drops both; the
 * agent opens the file byte for byte, and once opened it stays readable offline.
 */
import { firstValueFrom, filter } from 'rxjs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDevice, type DeviceCore } from '../../app/data/core/device';
import { nodePlatform, type NodePlatform } from '../../app/data/core/platform-node';
import { outboxKey } from '../../app/data/core/replication/outbox-store';
import { createUploadQueue, type UploadEntries, type UploadEntry, type UploadQueue } from '../../app/data/core/files/upload-queue';
import { ORPHAN_AFTER_MS } from '../../app/data/core/files/uploader';
import type { MessageDoc, SessionUser } from '../../app/model';
import { fetchWithCookie } from '../integration/device';
import { signUp, startServer, type LiveServer } from '../integration/http-session';

let live: LiveServer;
const open: DeviceCore[] = [];
beforeEach(async () => {
  live = await startServer(2_000, { attachmentMaxBytes: 4096 });
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((device) => device.close()));
  await live.close();
});

/** A device of `user` recording what it sends: `PUT /api/attachments/{id}` and the ids in each `_bulk_docs`. */
async function device(user: { user: SessionUser; cookie: string }, name: string) {
  const sent: string[] = [];
  const refusing = { uploads: 0 }; // the next uploads answered 413 by a balancer in front of the server
  const base = fetchWithCookie(user.cookie);
  const platform: NodePlatform = nodePlatform(live.baseUrl, async (input, init) => {
    const url = new URL(String(input));
    if (init?.method === 'PUT' && url.pathname.startsWith('/api/attachments/')) {
      sent.push(`upload ${url.pathname.split('/').at(-1)}`);
      if (refusing.uploads > 0 && refusing.uploads--) return Response.json({ error: 'too_large', reason: 'The balancer takes 1 KB.' }, { status: 413 });
    }
    if (url.pathname.endsWith('/_bulk_docs')) {
      for (const doc of (JSON.parse(String(init?.body)) as { docs: { _id: string }[] }).docs) sent.push(`push ${doc._id}`);
    }
    return base(input, init);
  });
  const copy = `${name}-${Date.now()}`;
  const core = await openDevice(user.user, platform, { name: copy, replication: { retryTime: 200 } });
  open.push(core);
  await Promise.all(core.replication!.states.map((r) => r.awaitInitialReplication()));
  return { core, platform, sent, refusing, copy };
}

/** Resolves once the outbox has no entry for message `id` (the server acknowledged it), or it failed. */
const settledMessage = (core: DeviceCore, id: string) =>
  firstValueFrom(core.outbox.entries$.pipe(filter((entries) => entries[outboxKey('messages', id)]?.state !== 'pending'
    && entries[outboxKey('messages', id)]?.state !== 'retrying')));

const png = () => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])], 'screen.png', { type: 'image/png' });

async function agentSees(sam: DeviceCore, messageId: string): Promise<MessageDoc> {
  const doc = await firstValueFrom(sam.db.messages.findOne(messageId).$.pipe(filter((d) => d !== null)));
  return doc!.toJSON() as MessageDoc;
}

it('sends a new request’s files after its ticket and before its message, once each; the agent opens them byte for byte', async () => {
  const ada = await device(await signUp(live, 'customer', 'ada@example.com', 'Ada Lovelace'), 'ada');
  const sam = await device(await signUp(live, 'agent', 'sam@example.com', 'Sam Rivera'), 'sam');
  const log = new File(['line 1\nline 2\n'], 'app.log', { type: 'text/plain' });
  const id = await ada.core.writes.createTicket({ subject: 'Crash on start', description: '', message: 'It crashes, see the files.', files: [png(), log] });
  await settledMessage(ada.core, id);
  expect(ada.core.outbox.entries()).toEqual({});

  const message = (await ada.core.db.messages.findOne(id).exec())!.toJSON() as MessageDoc;
  const [image, text] = message.attachments!;
  expect(ada.sent.filter((s) => s.startsWith('upload')).sort()).toEqual([`upload ${image!.id}`, `upload ${text!.id}`].sort());
  // The ticket and its first message share the id: each was pushed once, the message only after both files.
  expect(ada.sent.filter((s) => s === `push ${id}`)).toHaveLength(2);
  const ticketPushed = ada.sent.indexOf(`push ${id}`);
  const messagePushed = ada.sent.lastIndexOf(`push ${id}`);
  expect(ticketPushed).toBeLessThan(ada.sent.indexOf(`upload ${image!.id}`));
  expect(Math.max(ada.sent.indexOf(`upload ${image!.id}`), ada.sent.indexOf(`upload ${text!.id}`))).toBeLessThan(messagePushed);

  const seen = await agentSees(sam.core, id);
  expect(seen.attachments).toEqual(message.attachments);
  expect(new Uint8Array(await (await sam.core.files.blob(image!)).arrayBuffer())).toEqual(new Uint8Array(await png().arrayBuffer()));
  expect(await (await sam.core.files.blob(text!)).text()).toBe('line 1\nline 2\n');
  // Opened once, kept: readable with no network.
  sam.platform.setOnline(false);
  expect(await (await sam.core.files.blob(text!)).text()).toBe('line 1\nline 2\n');
});

it('keeps a reply’s file written offline and sends it, then the reply, when the network is back', async () => {
  const ada = await device(await signUp(live, 'customer', 'ada@example.com', 'Ada Lovelace'), 'ada');
  const ticket = await ada.core.writes.createTicket({ subject: 'Invoice', description: '', message: 'The invoice total is wrong.' });
  await settledMessage(ada.core, ticket);

  ada.platform.setOnline(false);
  await ada.core.writes.reply({ ticketId: ticket, conversationId: ticket, channel: 'portal', body: 'Here it is.', files: [png()] });
  const reply = (await ada.core.db.messages.findOne({ selector: { body: 'Here it is.' } }).exec())!.toJSON() as MessageDoc;
  expect(ada.core.outbox.entries()[outboxKey('messages', reply.id)]?.state).toBe('pending');
  expect(ada.sent.filter((s) => s.includes(reply.attachments![0]!.id) || s.includes(reply.id))).toEqual([]);

  ada.platform.setOnline(true);
  await settledMessage(ada.core, reply.id);
  expect(ada.core.outbox.entries()).toEqual({});
  const fileId = reply.attachments![0]!.id;
  expect(ada.sent.filter((s) => s === `upload ${fileId}`)).toHaveLength(1);
  expect(ada.sent.indexOf(`upload ${fileId}`)).toBeLessThan(ada.sent.lastIndexOf(`push ${reply.id}`));
  const onServer = await fetchWithCookie((await signUp(live, 'agent', 'sam@example.com', 'Sam Rivera')).cookie)(`${live.baseUrl}/api/attachments/${fileId}`);
  expect(onServer.status).toBe(200);
  expect(new Uint8Array(await onServer.arrayBuffer())).toEqual(new Uint8Array(await png().arrayBuffer()));
});

it('fails a message whose file the server refuses, naming the file, and Discard drops both from the device', async () => {
  const ada = await device(await signUp(live, 'customer', 'ada@example.com', 'Ada Lovelace'), 'ada');
  const ticket = await ada.core.writes.createTicket({ subject: 'Big dump', description: '', message: 'A memory dump follows.' });
  await settledMessage(ada.core, ticket);
  const dump = new File([new Uint8Array(5000)], 'core.dump'); // the server takes 4,096 bytes; the device was told 25 MB
  await ada.core.writes.reply({ ticketId: ticket, conversationId: ticket, channel: 'portal', body: 'The dump.', files: [dump] });
  const reply = (await ada.core.db.messages.findOne({ selector: { body: 'The dump.' } }).exec())!.toJSON() as MessageDoc;
  await settledMessage(ada.core, reply.id);
  expect(ada.core.outbox.entries()[outboxKey('messages', reply.id)]).toMatchObject({
    state: 'failed', reason: '“core.dump” could not be sent: it is larger than the server accepts.',
  });
  expect(ada.sent).not.toContain(`push ${reply.id}`);

  await ada.core.failedMessages.discardMessage(reply.id);
  expect(await ada.core.db.messages.findOne(reply.id).exec()).toBeNull();
  await expect(ada.core.files.blob(reply.attachments![0]!)).rejects.toThrow(/could not be opened|not on this device/);
});

it('uploads a refused file again on Retry and then sends its message; sign-out removes the kept files', async () => {
  const ada = await device(await signUp(live, 'customer', 'ada@example.com', 'Ada Lovelace'), 'ada');
  const ticket = await ada.core.writes.createTicket({ subject: 'Login loop', description: '', message: 'I cannot sign in at all.' });
  await settledMessage(ada.core, ticket);
  ada.refusing.uploads = 1;
  await ada.core.writes.reply({ ticketId: ticket, conversationId: ticket, channel: 'portal', body: 'A screenshot.', files: [png()] });
  const reply = (await ada.core.db.messages.findOne({ selector: { body: 'A screenshot.' } }).exec())!.toJSON() as MessageDoc;
  await settledMessage(ada.core, reply.id);
  expect(ada.core.outbox.entries()[outboxKey('messages', reply.id)]?.state).toBe('failed');

  await ada.core.failedMessages.retryMessage(reply.id);
  await settledMessage(ada.core, reply.id);
  expect(ada.core.outbox.entries()).toEqual({});
  const fileId = reply.attachments![0]!.id;
  expect(ada.sent.filter((s) => s === `upload ${fileId}`)).toHaveLength(2);
  expect(ada.sent.filter((s) => s === `push ${reply.id}`)).toHaveLength(1);

  expect(await ada.platform.files(ada.copy).get(fileId)).not.toBeNull();
  await ada.core.signOut();
  open.splice(open.indexOf(ada.core), 1);
  expect(await ada.platform.files(ada.copy).get(fileId)).toBeNull();
});

/** Resolves at the first stored change of `queue` (or now) after which `ready` holds. */
function queueChangeWhere(queue: UploadQueue, ready: (entries: UploadEntries) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => queue.read().then((entries) => { if (ready(entries)) { stop(); resolve(); } }, reject);
    const stop = queue.onChange(check);
    void check();
  });
}

it('forgets a file queued long ago whose message never came, and keeps one whose message may still be on its way', async () => {
  const ada = await device(await signUp(live, 'customer', 'ada@example.com', 'Ada Lovelace'), 'ada');
  const queue = createUploadQueue(ada.core.db);
  const store = ada.platform.files(ada.copy);
  const entry = (id: string, queuedAt: number): UploadEntry => ({
    id, name: `${id}.png`, type: 'image/png', size: 11, sha256: '0'.repeat(64),
    messageId: `message-of-${id}`, ticketId: 'a-ticket', visibility: 'public', state: 'waiting', queuedAt,
  });
  // The tab closed between keeping the file and writing its message: nothing will ever send or release it.
  await store.put('orphan', png());
  await store.put('young', png());
  await queue.modify((entries) => {
    entries.orphan = entry('orphan', Date.now() - ORPHAN_AFTER_MS - 1_000);
    entries.young = entry('young', Date.now());
  });
  await queueChangeWhere(queue, (entries) => !('orphan' in entries));
  expect(Object.keys(await queue.read())).toEqual(['young']);
  expect(await store.get('orphan')).toBeNull();
  expect(await store.get('young')).not.toBeNull();
  expect(ada.sent.filter((s) => s.startsWith('upload'))).toEqual([]);
});

it('sends a message whose files were all uploaded just before the tab closed, before it could release the message', async () => {
  const account = await signUp(live, 'customer', 'ada@example.com', 'Ada Lovelace');
  const ada = await device(account, 'ada');
  const ticket = await ada.core.writes.createTicket({ subject: 'Invoice', description: '', message: 'The invoice total is wrong.' });
  await settledMessage(ada.core, ticket);
  ada.platform.setOnline(false);
  await ada.core.writes.reply({ ticketId: ticket, conversationId: ticket, channel: 'portal', body: 'The invoice.', files: [png()] });
  const reply = (await ada.core.db.messages.findOne({ selector: { body: 'The invoice.' } }).exec())!.toJSON() as MessageDoc;
  const file = reply.attachments![0]!;
  // What the closed tab left: the bytes on the server and the file marked uploaded, the message still held back.
  const query = new URLSearchParams({ ticketId: ticket, name: file.name, size: String(file.size), sha256: file.sha256 });
  const put = await fetchWithCookie(account.cookie)(`${live.baseUrl}/api/attachments/${file.id}?${query}`, {
    method: 'PUT', body: png(), headers: { 'Content-Type': file.type },
  });
  expect(put.status).toBe(201);
  await createUploadQueue(ada.core.db).modify((entries) => { entries[file.id] = { ...entries[file.id]!, state: 'uploaded' }; });

  ada.platform.setOnline(true);
  await settledMessage(ada.core, reply.id);
  expect(ada.core.outbox.entries()).toEqual({});
  expect(ada.sent).toContain(`push ${reply.id}`);
  expect(ada.sent.filter((s) => s === `upload ${file.id}`)).toEqual([]);
});
