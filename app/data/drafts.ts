/** Drafts kept in localStorage so a half-typed reply or request survives a reload and an app restart. */
import { createSignal } from 'solid-js';
import type { Draft } from './types';

const PREFIX = 'harbor.draft.';

/** A draft by key; every tab's copy follows the last value set in this tab. */
export function createDraft(key: string): Draft {
  const storageKey = PREFIX + key;
  const [value, setValue] = createSignal(localStorage.getItem(storageKey) ?? '');
  const draft: Draft = {
    value,
    set(v: string) {
      setValue(v);
      if (v === '') localStorage.removeItem(storageKey);
      else localStorage.setItem(storageKey, v);
    },
    clear() {
      draft.set('');
    },
    sent(body: string) {
      // Saving takes a moment; a clear() here would wipe whatever the user typed during it.
      const now = value();
      draft.set(now.startsWith(body) ? now.slice(body.length).trimStart() : now);
    },
  };
  return draft;
}

/** Forgets every draft on the device (sign-out, or another user signing in). */
export function clearDrafts(): void {
  const keys: string[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  keys.forEach((key) => localStorage.removeItem(key));
}
