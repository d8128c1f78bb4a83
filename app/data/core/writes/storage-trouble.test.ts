/** storageTroubleOf: quota and blocked-storage errors recognised through RxDB's and Dexie's wrapping. */
import { describe, expect, it } from 'vitest';
import { isStorageFull, storageTroubleOf } from './storage-trouble';

describe('storageTroubleOf', () => {
  it('recognises a quota error, also wrapped', () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    expect(storageTroubleOf(quota).kind).toBe('full');
    expect(isStorageFull({ name: 'RxError', message: 'RxStorage write failed', parameters: { errors: [{ inner: quota }] } })).toBe(true);
    expect(isStorageFull(new Error('outer', { cause: quota }))).toBe(true);
  });

  it('recognises blocked storage and falls back to a generic reason', () => {
    expect(storageTroubleOf(new DOMException('denied', 'SecurityError')).kind).toBe('unavailable');
    expect(storageTroubleOf({ name: 'MissingAPIError', message: 'IndexedDB API missing' }).kind).toBe('unavailable');
    const other = storageTroubleOf(new Error('Something odd'));
    expect(other.kind).toBe('other');
    expect(other.detail).toContain('Something odd');
    expect(isStorageFull(new Error('Something odd'))).toBe(false);
  });
});
