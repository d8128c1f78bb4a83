/**
 * The customer a mail is from: their account when the address has one, else a new password-less customer account
 * (they can be invited later). Accounts made by mail are rate-limited per sender domain and overall, in one window,
 * with express-rate-limit's counter stores: in memory, or in Redis in cluster mode so every server adds to one count.
 */
import { MemoryStore, type Options, type Store } from 'express-rate-limit';
import { LIMITS } from '../../app/model/constants';
import type { SessionUser } from '../../app/model/user';
import { redisCounterStore } from '../middleware/redis-counter-store';
import { AccountError, createPasswordlessAccount, findUserByEmail } from '../services/accounts';
import type { RedisConnection } from '../services/redis-connection';
import type { Storage } from '../services/storage';
import { deferred, refuse } from './inbound-refusal';

/** How many accounts mail may make, per sender domain and in all, in one window. */
export interface MailAccountLimits {
  perDomain: number;
  overall: number;
  windowMs: number;
}

/** Ten a domain and a hundred in all, an hour: a burst of spam cannot fill the customer list. */
export const DEFAULT_MAIL_ACCOUNT_LIMITS: MailAccountLimits = { perDomain: 10, overall: 100, windowMs: 60 * 60 * 1000 };

/** Finds or makes the customer account of a sender. */
export interface MailCustomers {
  /** The account of `address`, or a new customer named `name`; refuses an agent's address and, past the limit, defers. */
  customerFor(address: string, name: string): Promise<SessionUser>;
  close(): void;
}

function openStore(windowMs: number, redis: RedisConnection | undefined): Store {
  const store = redis ? redisCounterStore(redis, 'mail-accounts') : new MemoryStore();
  void store.init?.({ windowMs } as Options);
  return store;
}

/** The customers of `storage`; `redis` (cluster mode) keeps the counts shared. */
export function createMailCustomers(storage: Storage, redis?: RedisConnection, limits = DEFAULT_MAIL_ACCOUNT_LIMITS): MailCustomers {
  const store = openStore(limits.windowMs, redis);
  async function mayCreate(address: string): Promise<boolean> {
    const domain = address.slice(address.lastIndexOf('@') + 1);
    const [inDomain, overall] = await Promise.all([store.increment(`domain:${domain}`), store.increment('overall')]);
    return inDomain.totalHits <= limits.perDomain && overall.totalHits <= limits.overall;
  }
  async function existing(address: string): Promise<SessionUser | null> {
    const user = await findUserByEmail(storage, address);
    if (user && user.role !== 'customer') throw refuse('This address belongs to an agent; agents answer tickets in Harbor.');
    return user;
  }
  return {
    async customerFor(address, name) {
      const found = await existing(address);
      if (found) return found;
      if (!(await mayCreate(address))) throw deferred('Too many new customers by mail just now; try again later.');
      try {
        return await createPasswordlessAccount(storage, { role: 'customer', email: address, name: [...name].slice(0, LIMITS.nameMax).join('') });
      } catch (error) {
        // Two mails from one new address at once: the other made the account.
        if (error instanceof AccountError && error.code === 'duplicate_email') {
          const raced = await existing(address);
          if (raced) return raced;
          throw deferred('The account of this address is being made; try again in a minute.');
        }
        if (error instanceof AccountError) throw refuse(`The sender cannot have an account: ${error.message}`);
        throw error;
      }
    },
    close() {
      if (store instanceof MemoryStore) store.shutdown();
    },
  };
}
