/** One shared ticking clock, so every "2 hours ago" on screen stays current without a timer per row. */
import { createSignal, getOwner, onCleanup, type Accessor } from 'solid-js';

const TICK_MS = 30_000;
const [now, setNow] = createSignal(Date.now());
let users = 0;
let timer: ReturnType<typeof setInterval> | undefined;

/** The current time, refreshed every 30 s while at least one component on screen uses it. */
export function createNow(): Accessor<number> {
  if (getOwner()) {
    users += 1;
    if (users === 1) {
      setNow(Date.now());
      timer = setInterval(() => setNow(Date.now()), TICK_MS);
    }
    onCleanup(() => {
      users -= 1;
      if (users === 0) clearInterval(timer);
    });
  }
  return now;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000], ['month', 30 * 86_400_000], ['week', 7 * 86_400_000],
  ['day', 86_400_000], ['hour', 3_600_000], ['minute', 60_000],
];
const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/**
 * "2 hours ago", "yesterday", "just now": the time `at` relative to `now`. A time ahead of `now` (another
 * device's clock runs fast, or the shared clock has not ticked yet) reads "just now", never "in 1 minute".
 */
export function formatRelative(at: number, now: number): string {
  const diff = at - now;
  if (diff > -45_000) return 'just now';
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms || unit === 'minute') return rtf.format(Math.round(diff / ms), unit);
  }
  return 'just now';
}

const dateTime = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });

/** "Nov 24, 2026, 9:15 AM". */
export function formatDateTime(at: number): string {
  return dateTime.format(at);
}

/** "Nov 24, 2026". */
export function formatDate(at: number): string {
  return dateOnly.format(at);
}
