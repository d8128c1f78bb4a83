/** A clear, data-free message for storage trouble (no storage at all, or a full device), announced to screen readers. */
import type { Component } from 'solid-js';

/** Shows `title` as a heading and `detail` under it, in an alert region. */
export const StorageError: Component<{ title: string; detail: string }> = (props) => (
  <section class="storage-error" role="alert" aria-labelledby="storage-error-title">
    <h2 id="storage-error-title">{props.title}</h2>
    <p>{props.detail}</p>
  </section>
);
