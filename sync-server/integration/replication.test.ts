/** RxDB's replicateCouchDB in Node against a real listening server: live convergence, scoping, the agents' event stream. */
import { EventSource } from 'eventsource';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aMessage, aTicket } from '../../app/model/fixtures';
import { newId } from '../../app/model/ids';
import { fetchWithCookie, openDevice, waitForDoc, type Device } from './device';
import { signUp, startServer, type LiveServer } from './http-session';

let live: LiveServer;
const devices: Device[] = [];

beforeEach(async () => {
  live = await startServer();
});
afterEach(async () => {
  await Promise.all(devices.splice(0).map((device) => device.close()));
  await live.close();
});

async function device(cookie: string): Promise<Device> {
  const opened = await openDevice(live.baseUrl, cookie, ['tickets', 'messages']);
  devices.push(opened);
  return opened;
}

describe('replicateCouchDB against the server', () => {
  it('converges two devices of one customer live, numbers the ticket, and shows a second customer none of it', async () => {
    const ada = await signUp(live, 'customer', 'ada@example.com', 'Ada Lovelace');
    const grace = await signUp(live, 'customer', 'grace@example.com', 'Grace Hopper');
    const [phone, laptop, gracePhone] = [await device(ada.cookie), await device(ada.cookie), await device(grace.cookie)];

    const ticket = aTicket(ada.user, { id: newId(), customerName: '' });
    await phone.tickets!.insert(ticket);
    await phone.messages!.insert(aMessage(ticket, ada.user, { id: ticket.id, body: 'The invoice of March shows our old VAT number.' }));

    const onLaptop = await waitForDoc(laptop.tickets!, ticket.id, (doc) => doc.number !== null);
    expect(onLaptop).toMatchObject({ number: 1, customerName: 'Ada Lovelace', subject: ticket.subject });
    await waitForDoc(phone.tickets!, ticket.id, (doc) => doc.number === 1);
    await waitForDoc(laptop.messages!, ticket.id);

    const reply = aMessage(ticket, ada.user, { id: newId(), body: 'Any news?' });
    await laptop.messages!.insert(reply);
    expect((await waitForDoc(phone.messages!, reply.id)).body).toBe('Any news?');

    const onLaptopNow = await laptop.tickets!.findOne(ticket.id).exec();
    await onLaptopNow!.incrementalPatch({ status: 'resolved', statusChangedAt: Date.now() });
    await waitForDoc(phone.tickets!, ticket.id, (doc) => doc.status === 'resolved');

    await Promise.all([phone.inSync(), laptop.inSync(), gracePhone.inSync()]);
    expect(await gracePhone.tickets!.count().exec()).toBe(0);
    expect(await gracePhone.messages!.count().exec()).toBe(0);
  });

  it('delivers a customer’s new message to an agent’s EventSource feed', async () => {
    const ada = await signUp(live, 'customer', 'ada@example.com', 'Ada Lovelace');
    const sam = await signUp(live, 'agent', 'sam@example.com', 'Sam Rivera');
    const phone = await device(ada.cookie);
    const source = new EventSource(`${live.baseUrl}/db/messages/_changes?feed=eventsource&since=now&include_docs=true`, {
      fetch: fetchWithCookie(sam.cookie),
    });
    try {
      await new Promise<void>((resolve, reject) => {
        source.onopen = () => resolve();
        source.onerror = (event) => reject(new Error(`event stream failed: ${event.message ?? ''}`));
      });
      const ticket = aTicket(ada.user, { id: newId() });
      const message = aMessage(ticket, ada.user, { id: ticket.id, body: 'Please call me back about the invoice.' });
      const received = new Promise<{ id: string; doc: { body: string } }>((resolve) => {
        source.onmessage = (event) => {
          const row = JSON.parse(event.data) as { id: string; doc: { body: string } };
          if (row.id === message.id) resolve(row);
        };
      });
      await phone.tickets!.insert(ticket);
      await phone.messages!.insert(message);
      expect((await received).doc.body).toBe(message.body);
    } finally {
      source.close();
    }
  });
});
