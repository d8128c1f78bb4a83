/** The thread's attachment list, loaded when the first message with files shows (most threads have none). */
import { lazy } from 'solid-js';

/** `message-attachments.tsx`, on demand. */
export const MessageAttachments = lazy(() => import('./message-attachments'));
