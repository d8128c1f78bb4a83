/**
 * Worker thread of the fault suite: up to six devices, each the app's own sync core. On "write" each opens requests
 * and sends replies through the app's own writes (a wave; every fifth reply carries a file of 8–40 KB, so that cuts
 * strike mid-upload); on "report" each settles and posts what it holds and which writes the server acknowledged.
 */
import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import type { SessionUser } from '../../app/model/user';
import { openFaultDevice, type FaultDevice } from './fault-device';

/** What the test passes to each worker. */
export interface FaultWorkerData {
  baseUrl: string;
  devices: Array<{ key: string; cookie: string; user: SessionUser }>;
  ticketsPerDevice: number;
}

/** A command from the test: write `messages` more per device (tickets first, in the first wave), or report. */
export type FaultWorkerCommand = { type: 'write'; messages: number } | { type: 'report' };

/** What one device holds at the end. */
export interface DeviceReport {
  key: string;
  customerId: string;
  tickets: Array<{ id: string; number: number | null }>;
  messageIds: string[];
  /** The ids of what this device wrote: its tickets, and its messages (each ticket's first message included). */
  written: { tickets: string[]; messages: string[]; files: Array<{ id: string; sha256: string; size: number }> };
  acknowledged: string[];
}

/** What a worker posts back. */
export type FaultWorkerMessage =
  | { type: 'ready' }
  | { type: 'written' }
  | { type: 'report'; devices: DeviceReport[] }
  | { type: 'error'; message: string };

const data = workerData as FaultWorkerData;
const port = parentPort!;

interface State {
  device: FaultDevice;
  user: SessionUser;
  key: string;
  ticketIds: string[];
  sent: number;
  written: DeviceReport['written'];
}

/** The bytes of a reply's file: 8–40 KB that differ from every other file's (a SHA-256 chain of the name). */
function fileBytes(name: string, sent: number): Uint8Array<ArrayBuffer> {
  const size = 8_000 + ((sent * 7_919) % 32_000);
  const bytes = new Uint8Array(size);
  let block = new Uint8Array(createHash('sha256').update(name).digest());
  for (let at = 0; at < size; at += block.length) {
    bytes.set(block.subarray(0, Math.min(block.length, size - at)), at);
    block = new Uint8Array(createHash('sha256').update(block).digest());
  }
  return bytes;
}

async function write(state: State, messages: number): Promise<void> {
  const { writes, db } = state.device.core;
  if (state.ticketIds.length === 0) {
    for (let t = 0; t < data.ticketsPerDevice; t++) {
      const id = await writes.createTicket({
        subject: `${state.key} ticket ${t}`, description: 'Opened by the fault suite.', message: `first message ${state.key}-t${t}`,
      });
      state.ticketIds.push(id);
      state.written.tickets.push(id);
      state.written.messages.push(id); // a request's first message has the ticket's id
    }
  }
  for (let m = 0; m < messages; m++, state.sent++) {
    const ticketId = state.ticketIds[state.sent % state.ticketIds.length]!;
    const body = `message ${state.key}-m${state.sent}`;
    const name = `${state.key}-m${state.sent}.bin`;
    const files = state.sent % 5 === 4 ? [new File([fileBytes(name, state.sent)], name, { type: 'application/octet-stream' })] : [];
    await writes.reply({ ticketId, conversationId: ticketId, channel: 'portal', body, files });
    const written = (await db.messages.findOne({ selector: { body } }).exec())!;
    state.written.messages.push(written.id);
    for (const file of written.attachments ?? []) state.written.files.push({ id: file.id, sha256: file.sha256, size: file.size });
  }
}

async function report(state: State): Promise<DeviceReport> {
  await state.device.settle();
  const tickets = (await state.device.tickets.find().exec()).map((d) => ({ id: d.id, number: d.number }));
  const messageIds = (await state.device.messages.find().exec()).map((d) => d.id);
  return {
    key: state.key,
    customerId: state.user.id,
    tickets,
    messageIds,
    written: state.written,
    acknowledged: [...state.device.acknowledged],
  };
}

async function main(): Promise<void> {
  const states: State[] = await Promise.all(
    data.devices.map(async (d) => ({
      device: await openFaultDevice(`fault-${d.key}`, d.user, data.baseUrl, d.cookie),
      user: d.user,
      key: d.key,
      ticketIds: [],
      sent: 0,
      written: { tickets: [], messages: [], files: [] },
    })),
  );
  await Promise.all(states.map((s) => Promise.all(s.device.replications.map((r) => r.awaitInitialReplication()))));
  port.on('message', (command: FaultWorkerCommand) => {
    const work =
      command.type === 'write'
        ? Promise.all(states.map((s) => write(s, command.messages))).then((): FaultWorkerMessage => ({ type: 'written' }))
        : Promise.all(states.map(report)).then((devices): FaultWorkerMessage => ({ type: 'report', devices }));
    work.then(
      (message) => port.postMessage(message),
      (error: unknown) => port.postMessage({ type: 'error', message: String(error) } satisfies FaultWorkerMessage),
    );
  });
  port.postMessage({ type: 'ready' } satisfies FaultWorkerMessage);
}

main().catch((error: unknown) => {
  port.postMessage({ type: 'error', message: String(error) } satisfies FaultWorkerMessage);
});
