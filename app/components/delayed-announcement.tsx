/** A polite live region that speaks its text once it has stopped changing, so typing is not read out key by key. */
import { createEffect, createSignal, on, onCleanup } from 'solid-js';

/** How long the text must stay the same before a screen reader hears it. */
export const ANNOUNCE_AFTER_MS = 700;

/** Props: the sentence to announce (empty for silence). */
export interface DelayedAnnouncementProps { text: string }

/** Visually hidden; only the announcement waits, what is on screen never does. */
export function DelayedAnnouncement(props: DelayedAnnouncementProps) {
  const [spoken, setSpoken] = createSignal('');
  let timer: ReturnType<typeof setTimeout> | undefined;
  createEffect(on(() => props.text, (text) => {
    clearTimeout(timer);
    timer = setTimeout(() => setSpoken(text), ANNOUNCE_AFTER_MS);
  }, { defer: true }));
  onCleanup(() => clearTimeout(timer));
  return <p class="visually-hidden" role="status">{spoken()}</p>;
}
