/** Drafts kept in localStorage so a half-typed reply or request survives a reload and an app restart. */
import { createSignal } from 'solid-js';
import type { Draft } from './types';

const PREFIX = 'harbor.draft.';

// One Draft per key in this tab: two copies of a key would drift apart (a reply sent from one copy left its
// text on screen in the other), whichever screen or memo asks for it.
const drafts = new Map<string, Draft>();

/** The draft of `key` (the same object for the same key), read again from localStorage. */
export function createDraft(key: string): Draft {
  const storageKey = PREFIX + key;
  const known = drafts.get(key);
  if (known) {
    known.set(localStorage.getItem(storageKey) ?? '');
    return known;
  }
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
  drafts.set(key, draft);
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
  drafts.forEach((draft) => draft.set(''));
}
