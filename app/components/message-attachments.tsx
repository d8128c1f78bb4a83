/** A message's files in the thread: images as thumbnails that open full size, other files as rows that download (loaded on first use). */
import { Dialog } from '@kobalte/core/dialog';
import { For, Match, Show, Switch } from 'solid-js';
import { formatFileSize, isInlineImage, sanitiseAttachmentName } from '../model/attachment';
import type { MessageAttachment } from '../model/message.schema';
import { createBlobUrl, createDownload } from './attachment-bytes';
import type { AttachmentBlob } from './message-item';
import { Spinner } from './spinner';

/** Props: the message's files and where their bytes come from. */
export interface MessageAttachmentsProps {
  attachments: readonly MessageAttachment[];
  attachmentBlob: AttachmentBlob;
}

/** The sentence a load failed with, and a Retry. */
function Failed(props: { name: string; reason: string; onRetry(): void }) {
  return (
    <p class="attachment-failed" role="alert">
      <span><span class="attachment-failed-name">{props.name}</span>: {props.reason}</span>
      <button type="button" class="button button-secondary button-small" onClick={() => props.onRetry()}>Retry</button>
    </p>
  );
}

/** A thumbnail (the image scaled by the browser); a click opens it full size in a dialog, never as a page. */
function ImageAttachment(props: { file: MessageAttachment; load: AttachmentBlob }) {
  const name = sanitiseAttachmentName(props.file.name);
  const bytes = createBlobUrl(() => props.load(props.file));
  const download = createDownload(() => props.load(props.file), name);
  const url = () => { const c = bytes.current(); return c.state === 'ready' ? c.url : undefined; };
  return (
    <Switch>
      <Match when={bytes.current().state === 'loading'}>
        <span class="attachment-thumb attachment-loading" role="status"><Spinner /> Loading…</span>
      </Match>
      <Match when={bytes.current().state === 'failed' && bytes.current()}>
        {(c) => <Failed name={name} reason={(c() as { reason: string }).reason} onRetry={bytes.retry} />}
      </Match>
      <Match when={url()}>
        {(src) => (
          <Dialog>
            <Dialog.Trigger class="attachment-thumb" aria-label={`Open ${name} full size`}>
              <img src={src()} alt={name} />
            </Dialog.Trigger>
            <Dialog.Portal>
              <Dialog.Overlay class="dialog-overlay" />
              <div class="dialog-positioner">
                <Dialog.Content class="dialog image-dialog">
                  <Dialog.Title class="dialog-title image-dialog-title">{name}</Dialog.Title>
                  <img class="image-full" src={src()} alt={name} />
                  <Show when={download.failed()}>{(reason) => <p class="form-error" role="alert">{reason()}</p>}</Show>
                  <div class="dialog-actions">
                    <button type="button" class="button button-secondary" disabled={download.busy()} onClick={() => void download.start()}>
                      <Show when={download.busy()}><Spinner /></Show>Download
                    </button>
                    <Dialog.CloseButton class="button button-primary">Close</Dialog.CloseButton>
                  </div>
                </Dialog.Content>
              </div>
            </Dialog.Portal>
          </Dialog>
        )}
      </Match>
    </Switch>
  );
}

/** A row with an icon, the name and the size; a click saves the file. */
function FileAttachment(props: { file: MessageAttachment; load: AttachmentBlob }) {
  const name = sanitiseAttachmentName(props.file.name);
  const download = createDownload(() => props.load(props.file), name);
  return (
    <>
      <button
        type="button" class="attachment-file" aria-label={`Download ${name} (${formatFileSize(props.file.size)})`}
        aria-busy={download.busy()} onClick={() => void download.start()}
      >
        <span class="file-icon" aria-hidden="true" />
        <span class="attachment-file-name">{name}</span>
        <span class="attachment-file-size">{formatFileSize(props.file.size)}</span>
        <Show when={download.busy()}><span class="attachment-file-busy" role="status"><Spinner /> Loading…</span></Show>
      </button>
      <Show when={download.failed()}>{(reason) => <Failed name={name} reason={reason()} onRetry={() => void download.start()} />}</Show>
    </>
  );
}

/** Images first, as a wrapping row of thumbnails, then the other files, one row each. */
export default function MessageAttachments(props: MessageAttachmentsProps) {
  const images = () => props.attachments.filter((a) => isInlineImage(a.type));
  const others = () => props.attachments.filter((a) => !isInlineImage(a.type));
  return (
    <div class="attachments">
      <Show when={images().length > 0}>
        <ul class="attachment-thumbs" aria-label="Attached images">
          <For each={images()}>{(file) => <li><ImageAttachment file={file} load={props.attachmentBlob} /></li>}</For>
        </ul>
      </Show>
      <Show when={others().length > 0}>
        <ul class="attachment-files" aria-label="Attached files">
          <For each={others()}>{(file) => <li><FileAttachment file={file} load={props.attachmentBlob} /></li>}</For>
        </ul>
      </Show>
    </div>
  );
}
