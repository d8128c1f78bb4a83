/**
 * An embedded portal on LevelDB made with the real services, for the migration suites: accounts, signed-in and
 * signed-out sessions, tickets edited several times, a conflict, a deleted document, messages, a ticket counter
 * ahead of the highest ticket (numbers skipped), an attachment with the message that names it, a reply-token record
 * and a delivery state of outbound mail, the demo marker and the kept session secret.
 */
import request from 'supertest';
import { aMessage, aTicket } from '../../app/model/fixtures';
import { newId } from '../../app/model/ids';
import type { TicketDoc } from '../../app/model/ticket.schema';
import { createApp } from '../app';
import { testConfig } from '../config';
import { createLogger } from '../logger';
import { couch, pushOk, type Person } from '../routes/db-test-helpers';
import { PNG_BYTES, sha256Of, upload } from '../routes/attachment-test-helpers';
import { markDemoSeeded } from '../services/demo-marker';
import { ensureSessionSecret } from '../services/secrets';
import { ticketNumbersFor } from '../services/ticket-numbers';
import { addUser, signedInAgent, TEST_PASSWORD } from './test-app';

/** What a test needs to know of the portal it made. */
export interface EmbeddedPortal {
  secret: string;
  /** Ada's session cookie as her browser holds it (`harbor.sid=…`). */
  adaCookie: string;
  /** Ada's first ticket, with the revision her device last saw. */
  ticket: { doc: TicketDoc; rev: string };
  /** The counter's last number: above the highest ticket's. */
  counter: number;
  /** The file Ada attached to her first ticket: its id and bytes. */
  file: { id: string; bytes: Buffer };
}

/** Makes the portal in `dataDir` (created when missing) and closes it. */
export async function makeEmbeddedPortal(dataDir: string): Promise<EmbeddedPortal> {
  const secret = ensureSessionSecret(dataDir);
  const harbor = await createApp(testConfig({ storage: { kind: 'leveldb', dataDir }, sessionSecret: secret }), {
    logger: createLogger({ silent: true }),
  });
  try {
    const { app, storage } = harbor;
    const signIn = async (role: 'customer' | 'agent', email: string, name: string): Promise<Person> => {
      const user = await addUser(storage, { role, email, name });
      return { user, http: await signedInAgent(app, email) };
    };
    const ada = await signIn('customer', 'ada@example.com', 'Ada Lovelace');
    const sam = await signIn('agent', 'sam@example.com', 'Sam Rivera');
    // Ada signed in on a second device (its cookie is what the test keeps), and one of Sam's sessions signed out.
    const second = await request(app).post('/api/session').send({ email: 'ada@example.com', password: TEST_PASSWORD }).expect(200);
    const adaCookie = String(second.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
    await (await signedInAgent(app, 'sam@example.com')).delete('/api/session').expect(204);

    const tickets = [aTicket(ada.user, { id: newId() }), aTicket(ada.user, { id: newId(), subject: 'Second ticket' })];
    const revs = [];
    for (const ticket of tickets) revs.push(await pushOk(ada, 'tickets', couch(ticket)));
    const first = { ...tickets[0]!, number: 1, customerName: 'Ada Lovelace' };
    let rev = revs[0]!;
    for (const priority of ['high', 'low', 'medium'] as const) rev = await pushOk(sam, 'tickets', couch({ ...first, priority }, rev));
    // The second ticket edited here, and otherwise in a second branch, as replication from another copy leaves it.
    const [generation, hash] = revs[1]!.split('-');
    await pushOk(sam, 'tickets', couch({ ...tickets[1]!, number: 2, customerName: 'Ada Lovelace', priority: 'high' }, revs[1]));
    await storage.tickets.writeRevisions([{
      ...couch({ ...tickets[1]!, number: 2, customerName: 'Ada Lovelace', subject: 'Edited elsewhere' }),
      _id: tickets[1]!.id,
      _rev: `${Number(generation) + 1}-${'c'.repeat(32)}`,
      _revisions: { start: Number(generation) + 1, ids: ['c'.repeat(32), hash!] },
    }]);
    await pushOk(ada, 'messages', couch(aMessage(first, ada.user, { id: newId() })));
    const file = { id: newId(), bytes: PNG_BYTES };
    const uploaded = await upload(ada, { id: file.id, ticketId: first.id, bytes: file.bytes, name: 'screen.png', type: 'image/png' });
    if (uploaded.status !== 201) throw new Error(`the portal's upload answered ${uploaded.status}`);
    const named = { id: file.id, name: 'screen.png', type: 'image/png', size: file.bytes.length, sha256: sha256Of(file.bytes) };
    await pushOk(ada, 'messages', couch(aMessage(first, ada.user, { id: newId(), body: 'The screenshot.', attachments: [named] })));
    const gone = aMessage(first, ada.user, { id: newId(), body: 'Sent by mistake' });
    await storage.messages.remove(gone.id, await pushOk(ada, 'messages', couch(gone)));

    const mailed = aMessage(first, sam.user, { id: newId(), authorRole: 'agent', channel: 'email', body: 'Mailed to Ada.' });
    await pushOk(sam, 'messages', couch(mailed));
    await storage.mail.put({ _id: 'reply-token:0123456789abcdef01234567', ticketId: first.id, conversationId: first.id });
    await storage.deliveries.put({
      _id: mailed.id, id: mailed.id, messageId: mailed.id, ticketId: first.id, state: 'sent', reason: null, attempts: 1,
      updatedAt: new Date(0).toISOString(), schemaVersion: 1,
    });

    const counter = Math.max(await ticketNumbersFor(storage).next(), await ticketNumbersFor(storage).next());
    await markDemoSeeded(storage);
    return { secret, adaCookie, ticket: { doc: first, rev }, counter, file };
  } finally {
    await harbor.close();
  }
}
