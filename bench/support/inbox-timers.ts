// Times the agent inbox inside the page, on the page's own clock: navigation → first row painted, and an input → the list answered and painted.
import type { BrowserContext, Page } from 'playwright-core';

/**
 * Installed before any page script runs (plain JS, as Playwright injects it). Measured in the page so that the
 * harness's own work (Playwright's locator script, its polling) neither delays nor pads the figure.
 * - firstRow: performance.now() (from navigation start) once an `.inbox-row` is in the document and the frame
 *   showing it has been painted (the task after the next animation frame).
 * - arm(), then answer(): arms for the next keydown, pointerdown, input or change; answer() resolves with the time
 *   from that event's time stamp until the frame after the app handled it was painted. Solid updates the list
 *   synchronously in the handler, so the task queued from the event runs after the list changed.
 */
const TIMERS = `(() => {
  const painted = (resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now())));
  const firstRow = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!document.querySelector('.inbox-row')) return;
      observer.disconnect();
      painted(resolve);
    });
    observer.observe(document, { childList: true, subtree: true });
  });
  const KINDS = ['keydown', 'pointerdown', 'input', 'change'];
  let answer = Promise.resolve(NaN);
  window.harborInboxTimers = {
    firstRow: () => firstRow,
    arm() {
      answer = new Promise((resolve) => {
        const onEvent = (event) => {
          KINDS.forEach((kind) => document.removeEventListener(kind, onEvent, true));
          const start = event.timeStamp;
          setTimeout(() => painted((end) => resolve(end - start)));
        };
        KINDS.forEach((kind) => document.addEventListener(kind, onEvent, true));
      });
    },
    answer: () => answer,
  };
})();`;

/** The page's timers (the functions below run in the page, so each names them itself). */
type PageWindow = { harborInboxTimers: { firstRow(): Promise<number>; arm(): void; answer(): Promise<number> } };

/** Installs the timers in every page of `context` from now on. */
export async function installInboxTimers(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: TIMERS });
}

/** Opens `/agent` afresh (from about:blank) and returns navigation start → first row painted, in ms. */
export async function loadToFirstRow(page: Page, timeoutMs = 60_000): Promise<number> {
  await page.goto('about:blank');
  await page.goto('/agent', { waitUntil: 'commit' });
  const shown = page.evaluate(() => (window as unknown as PageWindow).harborInboxTimers.firstRow());
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`no inbox row within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    return await Promise.race([shown, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `act` (one user input on the inbox) and returns input → list answered and painted, in ms. */
export async function answerTime(page: Page, act: () => Promise<void>): Promise<number> {
  await page.evaluate(() => (window as unknown as PageWindow).harborInboxTimers.arm());
  await act();
  return page.evaluate(() => (window as unknown as PageWindow).harborInboxTimers.answer());
}
