/** The files chosen in a composer: name, size, a thumbnail for images and a remove button (loaded on first use). */
import { For, onCleanup, Show } from 'solid-js';
import { formatFileSize, isInlineImage, sanitiseAttachmentName } from '../model/attachment';

/** A chosen image, scaled by the browser; its object URL lives as long as the row and is shown only in an `<img>`. */
function Thumbnail(props: { file: File }) {
  const url = URL.createObjectURL(props.file);
  onCleanup(() => URL.revokeObjectURL(url));
  return <img class="chosen-thumb" src={url} alt="" width="40" height="40" />;
}

/** Props: the chosen files, and what removing one does. */
export interface ChosenFileListProps {
  files: readonly File[];
  onRemove(file: File): void;
}

/** One row per file; the name shown is the one that will be kept (sanitised). */
export default function ChosenFileList(props: ChosenFileListProps) {
  return (
    <ul class="chosen-files" aria-label="Files to send">
      <For each={props.files}>
        {(file) => {
          const name = sanitiseAttachmentName(file.name);
          return (
            <li class="chosen-file">
              <Show when={isInlineImage(file.type)} fallback={<span class="file-icon" aria-hidden="true" />}>
                <Thumbnail file={file} />
              </Show>
              <span class="chosen-file-name">{name}</span>
              <span class="chosen-file-size">{formatFileSize(file.size)}</span>
              <button
                type="button" class="button button-ghost button-icon-only chosen-file-remove"
                aria-label={`Remove ${name}`} onClick={() => props.onRemove(file)}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          );
        }}
      </For>
    </ul>
  );
}
