/**
 * A device for the fault suites: the app's own sync core (`app/data/core`) on RxDB's memory storage under a chosen
 * name (reopened, it keeps its data), recording which writes the server acknowledged.
 */
import type { RxCollection } from 'rxdb';
import type { RxCouchDBReplicationState } from 'rxdb/plugins/replication-couchdb';
import { openDevice, type DeviceCore } from '../../app/data/core/device';
import { nodePlatform, type NodePlatform } from '../../app/data/core/platform-node';
import type { MessageDoc } from '../../app/model/message.schema';
import type { TicketDoc } from '../../app/model/ticket.schema';
import type { SessionUser } from '../../app/model/user';
import { fetchWithCookie } from '../integration/device';

/** An open fault-suite device. */
export interface FaultDevice {
  core: DeviceCore;
  platform: NodePlatform;
  tickets: RxCollection<TicketDoc>;
  messages: RxCollection<MessageDoc>;
  replications: RxCouchDBReplicationState<unknown>[];
  /** Ids the server answered `ok` for in a `_bulk_docs` answer. */
  acknowledged: Set<string>;
  /** Resolves when the next `_bulk_docs` request has been sent (its answer not yet read). */
  nextPushSent(): Promise<void>;
  /** Pushes and pulls again until every replication is in sync. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** Opens (or reopens) device `name` of `user`, replicating both collections through `baseUrl` with `cookie`. */
export async function openFaultDevice(
  name: string,
  user: SessionUser,
  baseUrl: string,
  cookie: string,
  acknowledged = new Set<string>(),
): Promise<FaultDevice> {
  const base = fetchWithCookie(cookie);
  let pushSent: Array<() => void> = [];
  const recording: typeof fetch = async (input, init) => {
    const isPush = String(input).includes('_bulk_docs');
    const answer = base(input, init);
    if (isPush) for (const resolve of pushSent.splice(0)) resolve();
    const res = await answer;
    if (isPush && res.status === 201) {
      const rows = (await res.clone().json()) as Array<{ id?: string; ok?: boolean }>;
      for (const row of rows) if (row.ok && row.id) acknowledged.add(row.id);
    }
    return res;
  };
  const platform = nodePlatform(baseUrl, recording);
  const core = await openDevice(user, platform, { name, replication: { retryTime: 200, pullBatchSize: 50, pushBatchSize: 20 } });
  const replications = core.replication!.states;
  return {
    core,
    platform,
    tickets: core.db.tickets,
    messages: core.db.messages,
    replications,
    acknowledged,
    nextPushSent: () => new Promise((resolve) => pushSent.push(resolve)),
    async settle() {
      for (const replication of replications) replication.reSync();
      await Promise.all(replications.map((replication) => replication.awaitInSync()));
    },
    async close() {
      pushSent = [];
      await core.close();
    },
  };
}
