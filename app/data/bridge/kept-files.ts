/** A composer's chosen files as a signal, kept on the device (`core/files/draft-files.ts`) at every change. */
import { createSignal } from 'solid-js';
import type { DraftFiles } from '../core/files/draft-files';
import type { KeptFiles } from './types';

/** The `KeptFiles` of each composer key (one object per key, so two screens of one key agree). */
export function keptFilesOf(store: DraftFiles): (key: string) => KeptFiles {
  const byKey = new Map<string, KeptFiles>();
  return (key) => {
    const known = byKey.get(key);
    if (known) return known;
    const [files, setFiles] = createSignal<readonly File[]>([]);
    let changed = false;
    // Read back once; a file chosen before the read answers wins over what was kept.
    void store.read(key).then((kept) => { if (!changed && kept.length > 0) setFiles(kept); }, () => undefined);
    const kept: KeptFiles = {
      files,
      set(next) {
        changed = true;
        setFiles(next);
        // A device too full to keep them still sends them: they stay chosen on screen, only a reload loses them.
        void store.keep(key, next).catch(() => undefined);
      },
    };
    byKey.set(key, kept);
    return kept;
  };
}

/** The kept files of whichever composer `key` names now (a ticket's shown conversation, say), following it as it changes. */
export function keptFilesFollowing(data: { draftFiles(key: string): KeptFiles }, key: () => string): KeptFiles {
  return { files: () => data.draftFiles(key()).files(), set: (files) => data.draftFiles(key()).set(files) };
}
