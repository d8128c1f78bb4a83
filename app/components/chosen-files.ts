/** The files chosen in one composer before sending, checked as they are added; kept where the container says (a draft's files survive a reload). */
import { createSignal, type Accessor } from 'solid-js';
import { chosenFileError, type AttachmentLimits } from '../model/attachment';

/** One composer's chosen files and why the last file (or files) offered could not be added. */
export interface ChosenFilesState {
  files: Accessor<readonly File[]>;
  /** The sentences for the files just refused, or null when the last ones offered were all added. */
  refusal: Accessor<string | null>;
  /** Adds each file that fits `limits`; a refused file is told and leaves the others (chosen before or with it) alone. */
  add(offered: Iterable<File>, limits: AttachmentLimits): void;
  remove(file: File): void;
  /** Drops the files that were sent; any chosen while sending stay. */
  sent(files: readonly File[]): void;
}

/** Where chosen files are kept: the device's draft of the composer (`data.draftFiles(key)`), or memory. */
export interface FilesKeeper {
  files: Accessor<readonly File[]>;
  set(files: readonly File[]): void;
}

function memoryKeeper(): FilesKeeper {
  const [files, set] = createSignal<readonly File[]>([]);
  return { files, set };
}

/** The chosen files kept by `keeper` (a fresh, empty set in memory when none is given). */
export function createChosenFiles(keeper: FilesKeeper = memoryKeeper()): ChosenFilesState {
  const { files } = keeper;
  const setFiles = (change: (list: readonly File[]) => readonly File[]) => keeper.set(change(files()));
  const [refusal, setRefusal] = createSignal<string | null>(null);
  return {
    files,
    refusal,
    add(offered, limits) {
      const next = [...files()];
      const refused: string[] = [];
      for (const file of offered) {
        if (next.includes(file)) continue;
        const problem = chosenFileError(file, next, limits);
        if (problem) refused.push(problem);
        else next.push(file);
      }
      setFiles(() => next);
      setRefusal(refused.length ? refused.join(' ') : null);
    },
    remove(file) {
      setFiles((list) => list.filter((f) => f !== file));
      setRefusal(null);
    },
    sent(done) {
      setFiles((list) => list.filter((f) => !done.includes(f)));
      setRefusal(null);
    },
  };
}
