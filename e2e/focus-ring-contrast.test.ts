/**
 * Rough edge 11 of issue 16: every control reached by Tab shows a focus ring of at least 3:1 against what is behind
 * it (WCAG 2.2 focus appearance): on My Tickets, a ticket, New Support Request (a field in error too) and the agent
 * inbox. The ring was a light lavender, about 2:1.
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../sync-server/services/seed-demo';
import { signIn, useServerAndBrowser } from './support';

const journey = useServerAndBrowser();
const TICKET = 'Webhook deliveries failing with 502 since this morning';

interface Ring { control: string; ring: string | null; backdrop: string; contrast: number }

/**
 * The focused control's ring colour (outline, or the outermost box-shadow) and its contrast with what is behind the
 * ring (the parent's background, or the control's own for an inset ring), read once the transitions have finished.
 */
function focusedRing(page: Page): Promise<Ring> {
  return page.evaluate(async () => {
    const rgbOf = (css: string): [number, number, number, number] => {
      const srgb = css.match(/^color\(srgb ([\d.]+) ([\d.]+) ([\d.]+)(?: \/ ([\d.]+))?\)$/);
      if (srgb) return [Number(srgb[1]) * 255, Number(srgb[2]) * 255, Number(srgb[3]) * 255, srgb[4] ? Number(srgb[4]) : 1];
      const rgb = css.match(/^rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:,? \/? ?([\d.]+))?\)$/);
      if (!rgb) throw new Error(`unread colour ${css}`);
      return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), rgb[4] ? Number(rgb[4]) : 1];
    };
    const luminance = ([r, g, b]: number[]) => {
      const [lr, lg, lb] = [r!, g!, b!].map((v) => { const c = v / 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
      return 0.2126 * lr! + 0.7152 * lg! + 0.0722 * lb!;
    };
    // The ring and the row behind it fade in (CSS transitions): read them drawn, not halfway. A transition that is
    // cancelled (its element re-rendered) or replaced by another rejects `finished`; the next round waits for its successor.
    const fading = () => document.getAnimations().filter((a) => a instanceof CSSTransition);
    for (let running = fading(); running.length > 0; running = fading()) {
      await Promise.all(running.map((a) => a.finished.catch(() => undefined)));
    }
    const el = document.activeElement as HTMLElement;
    const style = getComputedStyle(el);
    let ring: string | null = null;
    let inset = false;
    if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) ring = style.outlineColor;
    else if (style.boxShadow !== 'none') {
      ring = style.boxShadow.match(/(rgba?\([^)]*\)|color\([^)]*\))/g)?.at(-1) ?? null;
      inset = /inset/.test(style.boxShadow);
    }
    let backdrop = 'rgb(255, 255, 255)';
    for (let behind = inset ? el : el.parentElement; behind; behind = behind.parentElement) {
      const colour = getComputedStyle(behind).backgroundColor;
      if (rgbOf(colour)[3] > 0) { backdrop = colour; break; }
    }
    const control = `${el.tagName.toLowerCase()} ${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}`;
    if (!ring || rgbOf(ring)[3] < 1 || rgbOf(backdrop)[3] < 1) return { control, ring, backdrop, contrast: 0 };
    const [a, b] = [luminance(rgbOf(ring)), luminance(rgbOf(backdrop))];
    return { control, ring, backdrop, contrast: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) };
  });
}

/** Presses Tab `presses` times and reads the ring of each control it reaches. */
async function tabThrough(page: Page, presses: number): Promise<Ring[]> {
  const rings: Ring[] = [];
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement === document.body)) continue;
    rings.push(await focusedRing(page));
  }
  return rings;
}

it('shows a focus ring of at least 3:1 on every control reached by Tab, for the customer and the agent', async () => {
  const page = journey.browser.page;
  await signIn(page, 'ada@example.com');
  await page.locator('.ticket-row').first().waitFor();
  const rings = await tabThrough(page, 14);

  await page.getByRole('link', { name: TICKET }).click();
  await page.getByRole('heading', { level: 1, name: TICKET }).waitFor();
  await page.locator('.message-body').first().waitFor();
  const onTicket = await tabThrough(page, 12);
  expect(onTicket.map((r) => r.control)).toEqual(expect.arrayContaining([expect.stringMatching(/^button Chat/), 'button Send']));
  rings.push(...onTicket);

  await page.goto('/tickets/new');
  await page.getByLabel('Subject').waitFor();
  rings.push(...await tabThrough(page, 10)); // leaving Subject and Message empty marks them in error
  await page.getByLabel('Subject').focus();
  expect(await page.getByLabel('Subject').getAttribute('aria-invalid')).toBe('true');
  rings.push(await focusedRing(page));

  await page.getByRole('button', { name: 'Sign out' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  rings.push(...await tabThrough(page, 2)); // the dialog's two buttons
  await dialog.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('Email address').fill('sam@example.com');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const selected = page.locator('.inbox-row-link', { hasText: TICKET });
  await selected.click();
  await page.locator('.thread .message-body').first().waitFor();
  await selected.focus();
  await page.keyboard.press('Tab'); // by keyboard to the next row and back to the selected one (on its tinted background)
  await page.keyboard.press('Shift+Tab');
  expect(await selected.evaluate((el) => el === document.activeElement && el.matches('[aria-current="true"]'))).toBe(true);
  rings.push(await focusedRing(page));
  rings.push(...await tabThrough(page, 3)); // the next rows

  expect(rings.length).toBeGreaterThan(30);
  expect(rings.filter((r) => r.contrast < 3)).toEqual([]);
});
