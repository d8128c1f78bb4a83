/**
 * Measures the agent inbox in Chromium with real IndexedDB: `npx tsx e2e/support/measure-agent-inbox.ts
 * [tickets] [perTicket]` (run `npm run build` first). Part 1, the data layer: a device the app never opened is
 * seeded and its copy opened three times (the first reads every document and stores the index; the next read
 * the stored index), each followed by eight filters and searches. Part 2, the page: the demo agent's device is
 * seeded as replication would leave it, then `/agent` is loaded three times until its first row shows.
 */
import { launchBrowser } from './browser-launcher';
import { signInAgent } from './agent-api';
import { startServer } from './server-launcher';
import { seedAgentDevice, timeAgentInbox } from './seed-agent-device';
import { DEMO_PASSWORD } from '../../sync-server/services/seed-demo';

const FILTERS = [
  { status: 'open' as const },
  { priority: 'urgent' as const },
  { assignedToMe: true },
  { search: 'printer' },
  { search: 'TK-4321' },
  { search: 'customer 42' },
  { status: 'pending' as const, priority: 'high' as const, search: 'billing' },
  {},
];

const tickets = Number(process.argv[2] ?? 5_000);
const perTicket = Number(process.argv[3] ?? 10);
const server = await startServer();
const browser = await launchBrowser(server.baseUrl);
try {
  const { page } = browser;
  await page.goto('/login');
  const bench = { id: 'bench-agent', name: 'Bench Agent', email: 'bench@example.com', role: 'agent' as const };
  const seeded = await seedAgentDevice(page, bench, { tickets, perTicket, storeIndex: false });
  const dataLayer = [];
  for (let i = 0; i < 3; i++) {
    await page.reload();
    dataLayer.push(await timeAgentInbox(page, bench, FILTERS));
  }

  const sam = await signInAgent(server.baseUrl);
  await page.goto('/login');
  await seedAgentDevice(page, { ...sam.user, email: 'sam@example.com', role: 'agent' }, { tickets, perTicket });
  await page.getByLabel('Email address').fill('sam@example.com');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.inbox-row').first().waitFor({ timeout: 60_000 });
  const pageLoads = [];
  for (let i = 0; i < 3; i++) {
    const started = Date.now();
    await page.goto('/agent');
    await page.locator('.inbox-row').first().waitFor({ timeout: 60_000 });
    pageLoads.push(Date.now() - started);
  }
  process.stdout.write(`${JSON.stringify({ tickets, messages: tickets * perTicket, seedMs: Math.round(seeded.ms), dataLayer, pageLoadToFirstRowMs: pageLoads })}\n`);
} finally {
  await browser.close();
  await server.close();
}
