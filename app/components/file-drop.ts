/** Files offered by drag and drop or by paste onto a composer, as event handlers for its form. */
import { createSignal, type Accessor } from 'solid-js';
import type { AttachmentLimits } from '../model/attachment';

/** Whether a drag carries files (not text or a link being dragged about the page). */
const carriesFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

/**
 * The handlers to put on the drop target and whether files are being dragged over it (for its highlight). While
 * `limits()` is undefined the target takes no files, and drags and pastes behave as they would without it.
 */
export function createFileDrop(limits: () => AttachmentLimits | undefined, onFiles: (files: File[], limits: AttachmentLimits) => void): {
  over: Accessor<boolean>;
  onDragEnter(e: DragEvent): void;
  onDragOver(e: DragEvent): void;
  onDragLeave(e: DragEvent & { currentTarget: HTMLElement }): void;
  onDrop(e: DragEvent): void;
  onPaste(e: ClipboardEvent): void;
} {
  const [over, setOver] = createSignal(false);
  const takes = (e: DragEvent) => limits() !== undefined && carriesFiles(e);
  const hover = (e: DragEvent) => {
    if (!takes(e)) return;
    // Without preventDefault the browser refuses the drop (and would open a dropped file in place of the app).
    e.preventDefault();
    setOver(true);
  };
  return {
    over,
    onDragEnter: hover,
    onDragOver: hover,
    onDragLeave(e) {
      if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
    },
    onDrop(e) {
      setOver(false);
      const now = limits();
      if (!now || !carriesFiles(e)) return;
      e.preventDefault();
      onFiles(Array.from(e.dataTransfer?.files ?? []), now);
    },
    onPaste(e) {
      const now = limits();
      const files = Array.from(e.clipboardData?.files ?? []);
      // Office and spreadsheets put a picture of the copied text beside the text itself: text wins, so pasting
      // words pastes words. A screenshot carries no text and becomes an attachment.
      if (!now || !files.length || e.clipboardData?.getData('text/plain')) return;
      e.preventDefault();
      onFiles(files, now);
    },
  };
}
