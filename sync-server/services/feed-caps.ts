/**
 * Caps on open feeds per session and per user. Each session's and each user's feeds are kept in opening order; a
 * feed opened past a cap names the oldest of that session (then of that user) to be ended, so a flood never grows
 * and a device's newest request is never the one refused. Kept in this process's memory: each server its own.
 */

/** Whose feed it is. */
export interface FeedOwner {
  sessionId: string;
  userId: string;
}

/** How many open feeds a session and a user may hold (each at least 1). */
export interface FeedLimits {
  perSession: number;
  perUser: number;
}

/** Open feeds grouped by session and by user. */
export interface FeedCaps<F> {
  /** Adds `feed`; returns the feeds now past a cap, oldest first, already removed: the caller ends them. */
  open(feed: F, owner: FeedOwner): F[];
  /** Removes `feed`; a feed not (or no longer) held is ignored. */
  close(feed: F): void;
  /** How many sessions and users hold a feed now (an ended one leaves nothing behind). */
  groupCount(): number;
}

type Groups<F> = Map<string, Set<F>>;

function join<F>(groups: Groups<F>, key: string, feed: F): void {
  const group = groups.get(key) ?? new Set<F>();
  group.add(feed);
  groups.set(key, group);
}

function leave<F>(groups: Groups<F>, key: string, feed: F): void {
  const group = groups.get(key);
  group?.delete(feed);
  if (group?.size === 0) groups.delete(key);
}

/** Creates the caps; `limits` are read once. */
export function createFeedCaps<F>(limits: FeedLimits): FeedCaps<F> {
  const bySession: Groups<F> = new Map();
  const byUser: Groups<F> = new Map();
  const owners = new Map<F, FeedOwner>();

  const close = (feed: F): void => {
    const owner = owners.get(feed);
    if (!owner) return;
    owners.delete(feed);
    leave(bySession, owner.sessionId, feed);
    leave(byUser, owner.userId, feed);
  };
  /** Removes and returns the oldest feeds of `groups[key]` past `cap` (a Set iterates in insertion order). */
  const trim = (groups: Groups<F>, key: string, cap: number): F[] => {
    const ended: F[] = [];
    for (let group = groups.get(key); group && group.size > cap; group = groups.get(key)) {
      const oldest = group.values().next().value as F;
      close(oldest);
      ended.push(oldest);
    }
    return ended;
  };

  return {
    open(feed, owner) {
      owners.set(feed, owner);
      join(bySession, owner.sessionId, feed);
      join(byUser, owner.userId, feed);
      return [...trim(bySession, owner.sessionId, limits.perSession), ...trim(byUser, owner.userId, limits.perUser)];
    },
    close,
    groupCount: () => bySession.size + byUser.size,
  };
}
