/**
 * Measures the agent inbox's data layer in Chromium with real IndexedDB: `npx tsx e2e/support/measure-agent-inbox.ts
 * [tickets] [perTicket]`. Seeds a fresh profile the app never opened, then opens the copy three times (the
 * first reads every document and stores the index; the next read the stored index) and prints the timings as JSON.
 */
import { launchBrowser } from './browser-launcher';
import { startServer } from './server-launcher';
import { seedAgentDevice, timeAgentInbox } from './seed-agent-device';

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
  await browser.page.goto('/login');
  const agent = { id: 'bench-agent', name: 'Bench Agent', email: 'bench@example.com', role: 'agent' as const };
  const seeded = await seedAgentDevice(browser.page, agent, { tickets, perTicket, storeIndex: false });
  const runs = [];
  for (let i = 0; i < 4; i++) {
    await browser.page.reload();
    runs.push(await timeAgentInbox(browser.page, agent, FILTERS));
  }
  process.stdout.write(`${JSON.stringify({ tickets, messages: tickets * perTicket, seedMs: Math.round(seeded.ms), runs }, null, 1)}\n`);
} finally {
  await browser.close();
  await server.close();
}
