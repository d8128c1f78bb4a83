/** The fault suites' people: one agent and a customer for every two devices, and each device signed in as one. */
import { createAccount } from '../services/accounts';
import type { Storage } from '../services/storage';
import type { SessionUser } from '../session-user';
import type { FaultWorkerData } from './fault-device-worker';
import { signInOver } from './server-state';

/** The agent every suite reads the server's whole state as. */
export const FAULT_AGENT = 'agent@example.com';

const customerEmail = (device: number, devices: number): string => `c${device % (devices / 2)}@example.com`;

/** Creates the agent and `devices / 2` customers in `storage`. */
export async function createFaultAccounts(storage: Storage, devices: number, password: string): Promise<void> {
  await createAccount(storage, { role: 'agent', email: FAULT_AGENT, name: 'Fault Agent', password });
  for (let c = 0; c < devices / 2; c++) {
    await createAccount(storage, { role: 'customer', email: customerEmail(c, devices), name: `Customer ${c}`, password });
  }
}

/** Signs every device in through `baseUrl`: devices d and d + devices / 2 are the same customer's two devices. */
export async function signInFaultDevices(baseUrl: string, devices: number, password: string): Promise<FaultWorkerData['devices']> {
  const signed: FaultWorkerData['devices'] = [];
  for (let d = 0; d < devices; d++) {
    const { user, cookie } = await signInOver(baseUrl, customerEmail(d, devices), password);
    signed.push({ key: `d${d}`, cookie, user: user as SessionUser });
  }
  return signed;
}
