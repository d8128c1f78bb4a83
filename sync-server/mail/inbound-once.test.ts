/** The create-once record of a mail: a duplicate once stored, wait while another attempt runs, take over a stale claim. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openStorage, type Storage } from '../services/storage';
import { claimInbound, inboundRecordId, releaseInbound } from './inbound-once';

let storage: Storage;
beforeEach(async () => {
  storage = await openStorage({ kind: 'memory' });
});
afterEach(async () => {
  await storage.close();
});

const SENDER = 'ada@example.com';
const MESSAGE_ID = '<a-1@mail.example.com>';

it('is new once; while its message is not stored another arrival waits (451), then takes the same ids over', async () => {
  const first = await claimInbound(storage, SENDER, MESSAGE_ID, 1_000_000);
  if (first.kind !== 'new') throw new Error('the first arrival is new');
  await expect(claimInbound(storage, SENDER, MESSAGE_ID, 1_000_000 + 60_000)).rejects.toMatchObject({ responseCode: 451 });
  const stale = await claimInbound(storage, SENDER, MESSAGE_ID, 1_000_000 + 10 * 60_000);
  expect(stale).toEqual({ kind: 'new', ids: first.ids });
  await storage.messages.put({ _id: first.ids.messageId, body: 'stored' });
  expect(await claimInbound(storage, SENDER, MESSAGE_ID)).toEqual({ kind: 'duplicate' });
  // Another sender's mail with the same Message-ID is another mail.
  expect((await claimInbound(storage, 'grace@example.com', MESSAGE_ID)).kind).toBe('new');
});

it('is given back after a refusal, so that the mail sent again is judged again', async () => {
  const first = await claimInbound(storage, SENDER, MESSAGE_ID);
  if (first.kind !== 'new') throw new Error('the first arrival is new');
  await releaseInbound(storage, SENDER, MESSAGE_ID, first.ids);
  await expect(storage.mail.get(inboundRecordId(SENDER, MESSAGE_ID))).rejects.toMatchObject({ status: 404 });
  const again = await claimInbound(storage, SENDER, MESSAGE_ID);
  expect(again.kind).toBe('new');
});
