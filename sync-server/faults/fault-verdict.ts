/**
 * The fault suites' verdict: every message written once on the server and under no other id, every ticket numbered
 * uniquely, every acknowledged write kept, and every device holding exactly what the server holds for its customer.
 */
import { expect } from 'vitest';
import type { DeviceReport } from './fault-device-worker';
import type { ServerState } from './server-state';

/** A file a device attached, as its message names it. */
export interface WrittenFile {
  id: string;
  sha256: string;
  size: number;
}

/**
 * Every attached file is on the server whole (its bytes hash to what its message names) and stored once: the
 * attachments database holds exactly the files written, nothing partial or extra beside them.
 */
export function expectFilesWholeAndOnce(
  written: readonly WrittenFile[],
  served: ReadonlyMap<string, { sha256: string; size: number } | null>,
  storedIds: readonly string[],
): void {
  expect(written.length).toBeGreaterThan(0);
  for (const file of written) expect(served.get(file.id), file.id).toEqual({ sha256: file.sha256, size: file.size });
  expect([...storedIds].sort()).toEqual(written.map((file) => file.id).sort());
}

/** What the verdict is given. */
export interface FaultRun {
  reports: DeviceReport[];
  state: ServerState;
  devices: number;
  messagesPerDevice: number;
  ticketsPerDevice: number;
  /** Every device's report again (each settles once more). */
  reportAgain(): Promise<DeviceReport[]>;
  /** The server state as one customer's own pull from the start sees it, to say who is behind when a device is. */
  customerState(device: DeviceReport): Promise<ServerState>;
}

/** Asserts that nothing was lost or doubled; writes what it measured (report rounds, any divergence) to stdout. */
export async function expectNothingLostOrDoubled(run: FaultRun): Promise<void> {
  const { reports, state } = run;
  const writtenMessages = reports.flatMap((r) => r.written.messages);
  // Each device's replies, and each of its requests' first messages.
  expect(writtenMessages).toHaveLength(run.devices * (run.messagesPerDevice + run.ticketsPerDevice));
  expect(new Set(writtenMessages).size).toBe(writtenMessages.length);
  // Exactly once: every message id once on the server, and no other copy under another id.
  expect([...state.messages.keys()].sort()).toEqual([...writtenMessages].sort());
  const bodies = [...state.messages.values()].map((m) => m.body);
  expect(new Set(bodies).size).toBe(bodies.length);
  // Unique ticket numbers, all assigned.
  expect(state.tickets.size).toBe(run.devices * run.ticketsPerDevice);
  expect([...state.tickets.keys()].sort()).toEqual(reports.flatMap((r) => r.written.tickets).sort());
  const numbers = [...state.tickets.values()].map((t) => t.number);
  expect(numbers.every((n) => typeof n === 'number')).toBe(true);
  expect(new Set(numbers).size).toBe(numbers.length);
  // Every acknowledged write survived the kills.
  const acknowledged = reports.flatMap((r) => r.acknowledged);
  expect(acknowledged.filter((id) => !state.tickets.has(id) && !state.messages.has(id))).toEqual([]);
  // Every device converges to what the server holds for its customer. Each round is one reSync and awaitInSync on
  // every device; a pull racing the others' last pushes may need a second, so up to five are allowed, and counted.
  let final = reports;
  let rounds = 1;
  while (!final.every((device) => converged(device, state)) && rounds < 5) {
    final = await run.reportAgain();
    rounds++;
  }
  process.stdout.write(`fault suite: ${rounds} report round(s)\n`);
  for (const device of final) {
    if (converged(device, state)) continue;
    // Says whether the customer's own pull (the scope index) or the device is behind.
    const seen = await run.customerState(device);
    const missing = view(device, state).server[1].filter((id) => !device.messageIds.includes(id));
    const pulled = missing.filter((id) => seen.messages.has(id));
    process.stdout.write(
      `fault suite: ${device.key} diverged; tickets held ${JSON.stringify(view(device, state).held[0])}, its customer's pull from 0 ` +
        `sees ${JSON.stringify(view(device, seen).server[0])}; ${missing.length} messages missing on the device, ${pulled.length} of them in that pull\n`,
    );
  }
  for (const device of final) expect(view(device, state).held, device.key).toEqual(view(device, state).server);
}

function view(device: DeviceReport, state: ServerState): { held: [string[], string[]]; server: [string[], string[]] } {
  const tickets = [...state.tickets].filter(([, t]) => t.customerId === device.customerId);
  const messages = [...state.messages].filter(([, m]) => m.customerId === device.customerId);
  return {
    held: [device.tickets.map((t) => `${t.id}#${t.number}`).sort(), [...device.messageIds].sort()],
    server: [tickets.map(([id, t]) => `${id}#${t.number}`).sort(), messages.map(([id]) => id).sort()],
  };
}

function converged(device: DeviceReport, state: ServerState): boolean {
  const { held, server } = view(device, state);
  return JSON.stringify(held) === JSON.stringify(server);
}
