// Issue 4 (agent inbox): with 5,000 tickets and 50,000 messages on the agent's device, navigation → /agent's first row (goal ≤ 1 s) and a filter or search answering in the page (goal ≤ 100 ms), Chromium with real IndexedDB.
import os from 'node:os';
import type { Page } from 'playwright-core';
import type { BenchContext, BenchResult } from '../bench-types';
import { launchBrowser, signInAgent, startServer } from '../../e2e/support';
import { seedAgentDevice } from '../../e2e/support/seed-agent-device';
import { DEMO_PASSWORD } from '../../sync-server/services/seed-demo';
import { answerTime, installInboxTimers, loadToFirstRow } from '../support/inbox-timers';
import { medianResult, missingResult, plainResult } from '../support/result';
import { median } from '../support/stats';

const GROUP = 'Agent inbox (Chromium, IndexedDB)';
const WAIT = { timeout: 120_000 };

/** The inbox's "N shown" as a number. */
async function shown(page: Page): Promise<number> {
  const text = (await page.locator('.inbox-counts').textContent()) ?? '';
  return Number(/([\d,]+) shown/.exec(text)?.[1]?.replace(/,/g, '') ?? Number.NaN);
}

/** One round of filter changes through the labelled controls, each timed from the input to the list painted. */
async function timeFilters(page: Page): Promise<number[]> {
  const status = page.getByLabel('Status');
  const priority = page.getByLabel('Priority');
  const mine = page.getByLabel('Assigned to me');
  const steps: Array<() => Promise<unknown>> = [
    () => status.selectOption('all'),
    () => priority.selectOption('urgent'),
    () => mine.check(),
    () => mine.uncheck(),
    () => priority.selectOption('all'),
    () => status.selectOption('open'),
  ];
  const times: number[] = [];
  for (const step of steps) {
    const before = await shown(page);
    times.push(await answerTime(page, async () => void (await step())));
    if ((await shown(page)) === before) throw new Error(`a filter change left the list at ${before} shown`);
  }
  return times;
}

/** Searches typed one key at a time, each key timed from the key press to the list painted; then cleared. */
async function timeSearches(page: Page, queries: string[]): Promise<number[]> {
  const box = page.getByLabel('Search tickets');
  const times: number[] = [];
  for (const query of queries) {
    await box.click();
    for (const key of query) times.push(await answerTime(page, () => page.keyboard.press(key === ' ' ? 'Space' : key)));
    if ((await box.inputValue()) !== query) throw new Error(`the search box holds "${await box.inputValue()}", not "${query}"`);
    await box.press('ControlOrMeta+a');
    times.push(await answerTime(page, () => box.press('Backspace')));
  }
  return times;
}

/** Seeds the demo agent's device, signs in, then times start-up, filters and search on /agent. */
export default async function agentInbox(ctx: BenchContext): Promise<BenchResult[]> {
  const tickets = ctx.quick ? 1_000 : 5_000;
  const perTicket = 10;
  const loads = ctx.quick ? 3 : 7;
  const filterRounds = ctx.quick ? 1 : 3;
  const size = `${tickets.toLocaleString('en')} tickets + ${(tickets * perTicket).toLocaleString('en')} messages`;
  const server = await startServer({ longpollTimeoutMs: 25_000 });
  const browser = await launchBrowser(server.baseUrl);
  const results: BenchResult[] = [];
  try {
    const { page } = browser;
    await installInboxTimers(browser.context);
    await page.goto('/login');
    const sam = await signInAgent(server.baseUrl);
    const agent = { ...sam.user, email: 'sam@example.com', role: 'agent' as const };
    // As replication leaves a device in sync, but never opened by the app: its first start reads every document.
    const seeded = await seedAgentDevice(page, agent, { tickets, perTicket, storeIndex: false });
    ctx.log(`agent inbox: device seeded with ${size} in ${(seeded.ms / 1000).toFixed(0)} s`);

    await page.getByLabel('Email address').fill('sam@example.com');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    const signInAt = performance.now();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.inbox-row').first().waitFor(WAIT);
    const firstOpen = performance.now() - signInAt;
    results.push(plainResult('agent-inbox.first-open', GROUP, `sign-in → first row, first start on a device holding ${size}`, firstOpen, 'ms', undefined, {
      note: 'once per device: the app reads every document and stores its index (harness clock)',
    }));
    // The index is stored a moment after the read; one untimed load starts from it, as every later start does.
    await page.waitForTimeout(4_000);
    await loadToFirstRow(page);

    const loadMs: number[] = [];
    for (let i = 0; i < loads; i++) {
      loadMs.push(await loadToFirstRow(page));
      await page.waitForTimeout(500);
    }
    const load = os.loadavg()[0]!.toFixed(1);
    ctx.log(`agent inbox: first row after ${loadMs.map((ms) => ms.toFixed(0)).join(', ')} ms (load average ${load})`);
    results.push(medianResult('agent-inbox.first-row', GROUP, `navigation → /agent's first row shown, ${size} on the device`, loadMs, 'ms', {
      goal: '≤ 1,000 ms',
      meetsGoal: median(loadMs) <= 1_000,
      note: `page clock: navigation start (from about:blank, app shell from the service worker) → frame with the first row painted; load average ${load} on ${os.cpus().length} cores`,
    }));

    try {
      const filterMs: number[] = [];
      for (let round = 0; round < filterRounds; round++) filterMs.push(...(await timeFilters(page)));
      const searchMs = await timeSearches(page, ['printer', 'TK-4321', 'customer 42']);
      const goal = { goal: '≤ 100 ms' };
      results.push(medianResult('agent-inbox.filter', GROUP, `status, priority or "Assigned to me" changed → list answered, ${size}`, filterMs, 'ms', {
        ...goal, meetsGoal: median(filterMs) <= 100, note: 'page clock: input event → frame with the new list painted; through the labelled controls',
      }));
      results.push(medianResult('agent-inbox.search', GROUP, `one key typed in the search → list answered, ${size}`, searchMs, 'ms', {
        ...goal, meetsGoal: median(searchMs) <= 100, note: 'page clock: key press → frame with the new list painted; "printer", "TK-4321", "customer 42", each typed and cleared',
      }));
    } catch (error) {
      const reason = (error as Error).message.split('\n')[0]!;
      results.push(missingResult('agent-inbox.filter', GROUP, `filter changed → list answered, ${size}`, 'ms', reason, '≤ 100 ms'));
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return results;
}
