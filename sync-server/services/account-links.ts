/**
 * Single-use links of accounts by mail (a password reset, an invitation). The token is 32 random bytes
 * (base64url) that only the mail carries: `storage.mail` keeps its SHA-256 (`account-link:{hash}`), and the
 * account's `account-latest-link:{userId}` names the newest link, so a newer one makes every older one invalid.
 * Using a link writes it as used with its revision: of two servers racing, one gets the 409 (used); on a
 * cluster a conflicted write is read back and its winning revision rules, as `demo-marker` and claims do.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Storage } from './storage';
import { isConflict, isNotFound, type StoredDocument } from './storage-engine';

export type LinkPurpose = 'reset' | 'invitation';

/** How long each link is valid. */
export const LINK_LIFETIME_MS: Readonly<Record<LinkPurpose, number>> = { reset: 60 * 60_000, invitation: 7 * 24 * 60 * 60_000 };

/** A link handed out: the token for the mail, when it was made and when it expires (ISO). */
export interface IssuedLink {
  token: string;
  sentAt: string;
  expiresAt: string;
}

/** Why a link does not work. */
export type LinkRefusal = 'link_used' | 'link_expired' | 'link_invalid';

interface LinkDoc extends StoredDocument {
  userId: string;
  purpose: LinkPurpose;
  expiresAt: number;
  usedAt: number | null;
}

interface LatestLinkDoc extends StoredDocument {
  hash: string;
  /** The newest invitation sent to this account (kept when a reset link follows it), for the agents' list. */
  invitation: { sentAt: string; expiresAt: string } | null;
}

const hashOf = (token: string): string => createHash('sha256').update(token).digest('hex');
const linkId = (hash: string) => `account-link:${hash}`;
const latestId = (userId: string) => `account-latest-link:${userId}`;

async function read<T extends StoredDocument>(storage: Storage, id: string, conflicts = false): Promise<T | undefined> {
  try {
    return (await storage.mail.get(id, { conflicts })) as T;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Removes a superseded link's record (it would answer `link_invalid` either way), so that records do not pile up. */
async function removeLink(storage: Storage, hash: string): Promise<void> {
  const link = await read<LinkDoc>(storage, linkId(hash));
  if (!link || link.usedAt !== null) return; // a used one keeps answering "already used"
  try {
    await storage.mail.remove(link._id, link._rev);
  } catch (error) {
    if (!isConflict(error) && !isNotFound(error)) throw error;
  }
}

/** Makes a new link for `userId`; older links of the account stop working. `lifetimeMs` defaults to the purpose's. */
export async function issueLink(storage: Storage, userId: string, purpose: LinkPurpose, now = Date.now(), lifetimeMs = LINK_LIFETIME_MS[purpose]): Promise<IssuedLink> {
  const token = randomBytes(32).toString('base64url');
  const hash = hashOf(token);
  await storage.mail.put({ _id: linkId(hash), userId, purpose, expiresAt: now + lifetimeMs, usedAt: null });
  const issued = { token, sentAt: new Date(now).toISOString(), expiresAt: new Date(now + lifetimeMs).toISOString() };
  for (let attempt = 0; ; attempt++) {
    const latest = await read<LatestLinkDoc>(storage, latestId(userId));
    const invitation = purpose === 'invitation' ? { sentAt: issued.sentAt, expiresAt: issued.expiresAt } : (latest?.invitation ?? null);
    try {
      await storage.mail.put({ _id: latestId(userId), ...(latest && { _rev: latest._rev }), hash, invitation });
      if (latest) await removeLink(storage, latest.hash);
      return issued;
    } catch (error) {
      if (!isConflict(error) || attempt >= 4) throw error;
    }
  }
}

/** The newest invitation of `userId`, or null. */
export async function latestInvitation(storage: Storage, userId: string): Promise<{ sentAt: string; expiresAt: string } | null> {
  return (await read<LatestLinkDoc>(storage, latestId(userId)))?.invitation ?? null;
}

/** Marks `link` used; false when another server used it first (a 409, or a conflict whose winner is not ours). */
async function markUsed(storage: Storage, link: LinkDoc, now: number): Promise<boolean> {
  const { _conflicts: _, ...fields } = link;
  let rev: string;
  try {
    rev = (await storage.mail.putWithQuorum({ ...fields, usedAt: now })).rev;
  } catch (error) {
    if (isConflict(error) || isNotFound(error)) return false;
    throw error;
  }
  const stored = (await read<LinkDoc>(storage, link._id, true))!;
  if (stored._conflicts?.length) {
    await storage.mail.bulkDocs(stored._conflicts.map((each) => ({ _id: link._id, _rev: each, _deleted: true })));
  }
  return stored._rev === rev;
}

/** Uses the link of `token` for `purpose` once: the account's id, or why it does not work. */
export async function useLink(storage: Storage, token: string, purpose: LinkPurpose, now = Date.now()): Promise<{ userId: string } | { refused: LinkRefusal }> {
  const hash = hashOf(token);
  const link = await read<LinkDoc>(storage, linkId(hash), true);
  if (!link || link.purpose !== purpose) return { refused: 'link_invalid' };
  if (link.usedAt !== null) return { refused: 'link_used' };
  if ((await read<LatestLinkDoc>(storage, latestId(link.userId)))?.hash !== hash) return { refused: 'link_invalid' };
  if (link.expiresAt <= now) return { refused: 'link_expired' };
  return (await markUsed(storage, link, now)) ? { userId: link.userId } : { refused: 'link_used' };
}
