/** Document ids are made on the device and sortable by time (UUIDv7), so a write sent twice is one document. */
import { v7 } from 'uuid';

/** A new time-ordered document id. */
export function newId(): string {
  return v7();
}
