/** A composer's Attach files button, its limits in words and the refusals; the chosen files' list loads on first use. */
import { createUniqueId, lazy, Show } from 'solid-js';
import { attachmentLimitsHint, type AttachmentLimits } from '../model/attachment';
import type { ChosenFilesState } from './chosen-files';

const ChosenFileList = lazy(() => import('./chosen-file-list'));

/** Props: the composer's chosen files and the limits to tell and check. */
export interface AttachFilesProps {
  chosen: ChosenFilesState;
  limits: AttachmentLimits;
}

/** A real button opens the hidden file input; drop and paste reach the same `chosen` through the composer. */
export function AttachFiles(props: AttachFilesProps) {
  const id = createUniqueId();
  let input!: HTMLInputElement;
  let button!: HTMLButtonElement;
  const preload = () => void ChosenFileList.preload();
  return (
    <div class="attach">
      <div class="attach-bar">
        <button
          ref={button} type="button" class="button button-secondary button-small"
          aria-describedby={`${id}-hint`} onClick={() => input.click()} onFocus={preload} onPointerEnter={preload}
        >
          <span class="attach-icon" aria-hidden="true" />Attach files
        </button>
        <span class="field-hint" id={`${id}-hint`}>{attachmentLimitsHint(props.limits)} You can also drop or paste files here.</span>
      </div>
      <input
        ref={input} type="file" multiple class="visually-hidden" tabIndex={-1} aria-label="Attach files"
        onChange={(e) => {
          props.chosen.add(Array.from(e.currentTarget.files ?? []), props.limits);
          // Choosing the same file again (after removing it) must fire change again.
          e.currentTarget.value = '';
        }}
      />
      <div aria-live="polite">
        <Show when={props.chosen.refusal()}>{(text) => <p class="field-error">{text()}</p>}</Show>
      </div>
      <Show when={props.chosen.files().length > 0}>
        <ChosenFileList
          files={props.chosen.files()}
          onRemove={(file) => {
            props.chosen.remove(file);
            // The removed row took the focus with it: give it back to where files are added.
            button.focus();
          }}
        />
      </Show>
    </div>
  );
}
