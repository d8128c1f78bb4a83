/** (5) axe-core finds no violations on the four screens with data loaded, with errors showing, with each dialog open. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMER, startHarness, type Harness } from '../scripts/e2e-harness';
import { walkScreens } from '../scripts/e2e-screens';
import { axeViolations } from './support';

describe('accessibility (axe-core)', () => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness(); });
  afterAll(async () => { await h?.close(); });

  it('finds no violations on any screen, in any state', async () => {
    const found: Record<string, string[]> = {};
    const visited: string[] = [];
    await walkScreens(h.page, async (name) => {
      visited.push(name);
      const violations = await axeViolations(h.page);
      if (violations.length > 0) found[name] = violations;
    }, h.baseUrl);
    expect(visited).toEqual(expect.arrayContaining([
      'login', 'login-errors', 'tickets', 'sign-out-dialog', 'new-ticket-errors', 'ticket-chat', 'resolve-dialog',
    ]));
    expect(found).toEqual({});
  });

  it('works with the keyboard alone: sign in, switch tab, open a ticket, reply', async () => {
    const page = h.page;
    await page.evaluate(() => localStorage.clear());
    await page.goto('/login');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    /** Presses Tab until the focused element matches `selector` (at most 40 times). */
    const tabTo = async (selector: string) => {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
      }
      throw new Error(`Tab never reached ${selector}`);
    };
    await tabTo('input[type=email]');
    await page.keyboard.type(DEMO_CUSTOMER.email);
    await tabTo('input[type=password]');
    await page.keyboard.type(DEMO_CUSTOMER.password);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/tickets');
    await page.locator('.ticket-row').first().waitFor();

    await tabTo('[role=tab][data-selected]');
    await page.keyboard.press('ArrowRight');
    await page.waitForURL(/tab=open/);
    await tabTo('.row-link');
    const subject = await page.evaluate(() => document.activeElement?.textContent ?? '');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: subject }).waitFor();
    await tabTo('textarea[name=reply]');
    await page.keyboard.type('Thanks, typed without a mouse.');
    await tabTo('button[type=submit]');
    await page.keyboard.press('Enter');
    await page.locator('.message-body', { hasText: 'Thanks, typed without a mouse.' }).waitFor();
  });
});
