/**
 * What only the server can know of the files a message names: that each is an upload its writer made to the
 * message's ticket, named with the facts it was uploaded with, and that an internal upload (an agent's file for a
 * note) is named by an internal note only. A file that is missing, another person's, or another ticket's gets the
 * same reason, so naming an id tells nobody whether it exists.
 */
import type { MessageDoc } from '../../app/model/message.schema';
import type { SessionUser } from '../../app/model/user';
import type { Reason } from '../../app/model/writes/write-types';
import type { AttachmentMeta } from './attachment-store';

/** The reason for a named file that is not the writer's upload to this ticket. */
export const NOT_UPLOADED_HERE = 'the message names a file that was not uploaded to this ticket';

/** Checks the files `next` names against `uploads` (the stored attachments among them, by id), as written by `user`. */
export function namedUploadsError(user: SessionUser, next: MessageDoc, uploads: ReadonlyMap<string, AttachmentMeta>): Reason {
  for (const file of next.attachments ?? []) {
    const upload = uploads.get(file.id);
    if (!upload || upload.uploaderId !== user.id || upload.ticketId !== next.ticketId) return NOT_UPLOADED_HERE;
    if (upload.size !== file.size || upload.sha256 !== file.sha256 || upload.name !== file.name) {
      return `the message names ${upload.name} other than it was uploaded (its name, size or sha256 differ)`;
    }
    if (upload.visibility === 'internal' && next.visibility !== 'internal') {
      return 'a file uploaded for an internal note can only be named by an internal note';
    }
  }
  return null;
}
