/**
 * Worker thread for the many-devices test: runs up to six RxDB devices (tickets only), waits for "go", has each
 * create one ticket at once, and reports the numbers the server assigned once they replicated back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { aTicket } from '../../app/model/fixtures';
import { newId } from '../../app/model/ids';
import type { SessionUser } from '../../app/model/user';
import { openDevice, waitForDoc } from './device';

/** What the test passes to each worker. */
export interface TicketDeviceWorkerData {
  baseUrl: string;
  devices: Array<{ cookie: string; user: SessionUser }>;
}

/** What a worker posts back: `ready` once every device synced, then the assigned numbers (or an error). */
export type TicketDeviceWorkerMessage =
  | { type: 'ready' }
  | { type: 'numbers'; numbers: number[] }
  | { type: 'error'; message: string };

const data = workerData as TicketDeviceWorkerData;
const port = parentPort!;

async function main(): Promise<void> {
  const devices = await Promise.all(data.devices.map((d) => openDevice(data.baseUrl, d.cookie, ['tickets'])));
  const go = new Promise<void>((resolve) => port.once('message', () => resolve()));
  port.postMessage({ type: 'ready' } satisfies TicketDeviceWorkerMessage);
  await go;
  const numbers = await Promise.all(
    devices.map(async (device, i) => {
      const ticket = aTicket(data.devices[i]!.user, { id: newId(), subject: `Device ${i} needs help` });
      await device.tickets!.insert(ticket);
      const synced = await waitForDoc(device.tickets!, ticket.id, (doc) => doc.number !== null);
      return synced.number!;
    }),
  );
  await Promise.all(devices.map((device) => device.close()));
  port.postMessage({ type: 'numbers', numbers } satisfies TicketDeviceWorkerMessage);
}

main().catch((error: unknown) => {
  port.postMessage({ type: 'error', message: String(error) } satisfies TicketDeviceWorkerMessage);
});
