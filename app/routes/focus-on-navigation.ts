/**
 * Keyboard focus the way a screen reader or keyboard user expects it in a single-page app: "Skip to content" moves
 * focus into the screen (not a `#main` URL the router would take), and after a route change focus goes to the new
 * screen's heading instead of dropping to the page body. Focus the user or the screen put somewhere is left alone.
 */
import { useLocation } from '@solidjs/router';
import { createEffect, on, onCleanup } from 'solid-js';

/** How long a route's screen (lazy code, data from the device) may take to show its heading. */
const HEADING_WAIT_MS = 3_000;

/** Focuses `element` without scrolling past what the browser shows, making it focusable by script only. */
function focusTarget(element: HTMLElement): void {
  if (!element.hasAttribute('tabindex')) element.setAttribute('tabindex', '-1');
  element.focus();
}

const shown = (element: Element): boolean => element.getClientRects().length > 0;

/** The main region's first heading on screen (an `h1` or `h2`); null before the screen has rendered one. */
function screenHeading(): HTMLElement | null {
  const headings = document.getElementById('main')?.querySelectorAll<HTMLElement>('h1, h2') ?? [];
  return [...headings].find(shown) ?? null;
}

/** Whether focus is nowhere in particular: the body, or an element that left the page or is hidden now. */
const focusIsLost = (): boolean => {
  const active = document.activeElement;
  return !active || active === document.body || !active.isConnected || !shown(active);
};

/** Moves focus into the screen shown: its heading, else its main region. */
export function focusScreen(): void {
  const target = screenHeading() ?? document.getElementById('main');
  if (target) focusTarget(target);
}

/** The skip link's click: focus into the screen, leaving the URL as it is. */
export function skipToContent(event: MouseEvent): void {
  event.preventDefault();
  focusScreen();
}

/** Call once in the signed-in frame: after each route change, focus the new screen's heading when focus was lost. */
export function createFocusOnNavigation(): void {
  const location = useLocation();
  let observer: MutationObserver | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    observer?.disconnect();
    clearTimeout(timer);
  };
  createEffect(on(() => location.pathname, () => {
    stop();
    // The new screen may render later (lazy code, a query): wait for its heading, giving up after a while.
    const attempt = (): boolean => {
      const heading = screenHeading();
      if (!heading) return false;
      stop();
      if (focusIsLost()) focusTarget(heading);
      return true;
    };
    queueMicrotask(() => {
      if (attempt()) return;
      observer = new MutationObserver(() => void attempt());
      observer.observe(document.body, { childList: true, subtree: true });
      // A screen with no heading (yet): its main region, so that focus is at least in the screen.
      timer = setTimeout(() => {
        stop();
        if (focusIsLost()) focusScreen();
      }, HEADING_WAIT_MS);
    });
  }, { defer: true }));
  onCleanup(stop);
}
