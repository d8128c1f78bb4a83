/**
 * How many uploads one user has in flight on this server. Each is held in memory whole until its hash is checked
 * (up to ATTACHMENT_MAX_BYTES), so one account opening many at once could exhaust the server; past the bound an
 * upload is answered 429 with Retry-After at once, and the device sends it again.
 */
import type { RequestHandler } from 'express';
import { HttpError } from '../middleware/http-error';
import type { Storage } from '../services/storage';
import '../session-user';

/** Uploads one user may have in flight on one server: a few files of one message go up side by side. */
export const UPLOADS_PER_USER = 3;

/** The uploads in flight, by user. */
export interface UploadSlots {
  /** Middleware: takes one of the user's slots for the request's life, or refuses it with 429. */
  take: RequestHandler;
  /** How many uploads `userId` has in flight. */
  heldBy(userId: string): number;
}

const registry = new WeakMap<Storage, UploadSlots>();

/** The slots of the app over `storage` (tests wait on them). */
export function uploadSlotsFor(storage: Storage): UploadSlots | undefined {
  return registry.get(storage);
}

/** Creates the slots of the attachments router over `storage`. */
export function createUploadSlots(storage: Storage, perUser = UPLOADS_PER_USER): UploadSlots {
  const held = new Map<string, number>();
  const slots: UploadSlots = {
    take(req, res, next) {
      const userId = req.session.user!.id;
      const count = held.get(userId) ?? 0;
      if (count >= perUser) {
        throw new HttpError(429, 'too_many_requests', `At most ${perUser} uploads at once; send this one again shortly.`, { 'retry-after': '1' });
      }
      held.set(userId, count + 1);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const left = (held.get(userId) ?? 1) - 1;
        if (left > 0) held.set(userId, left);
        else held.delete(userId);
      };
      // `close` comes once, when the answer is sent or the connection is gone, whichever way the upload ends; a
      // client gone while its session was read has had its `close` already (seen over CouchDB).
      res.once('close', release);
      if (req.socket.destroyed) release();
      next();
    },
    heldBy: (userId) => held.get(userId) ?? 0,
  };
  registry.set(storage, slots);
  return slots;
}
