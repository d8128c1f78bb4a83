/** (6) At 390 px wide no screen scrolls sideways, dialogs and error states included. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../scripts/e2e-harness';
import { walkScreens } from '../scripts/e2e-screens';

describe('responsive at 390 px', () => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness({ width: 390, height: 844 }); });
  afterAll(async () => { await h?.close(); });

  it('never scrolls sideways on any screen', async () => {
    const overflowing: string[] = [];
    const visited: string[] = [];
    await walkScreens(h.page, async (name) => {
      visited.push(name);
      const { scroll, client } = await h.page.evaluate(() => ({
        scroll: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
        client: document.documentElement.clientWidth,
      }));
      if (scroll > client) overflowing.push(`${name}: ${scroll}px wide in ${client}px`);
    }, h.baseUrl);
    expect(visited.length).toBeGreaterThanOrEqual(12);
    expect(overflowing).toEqual([]);
  });
});
