/**
 * Seals a link's token in its queued mail job (AES-256-GCM under a key derived from the session secret): the job
 * waits in `storage.mail` until some server sends it, and the database alone must never yield a usable link.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const keyOf = (secret: string): Uint8Array => new Uint8Array(createHash('sha256').update(`harbor account mail:${secret}`).digest());

/** `iv.tag.ciphertext`, base64url. */
export function seal(secret: string, text: string): string {
  const iv = new Uint8Array(randomBytes(12));
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret), iv);
  const sealed = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()] as Uint8Array[]);
  return [iv, cipher.getAuthTag(), sealed].map((part) => Buffer.from(part).toString('base64url')).join('.');
}

/** The text `seal` sealed; throws when it was sealed under another secret or altered. */
export function unseal(secret: string, sealed: string): string {
  const [iv, tag, body] = sealed.split('.').map((part) => new Uint8Array(Buffer.from(part, 'base64url')));
  const decipher = createDecipheriv('aes-256-gcm', keyOf(secret), iv!);
  decipher.setAuthTag(tag!);
  return Buffer.concat([decipher.update(body!), decipher.final()] as Uint8Array[]).toString('utf8');
}
