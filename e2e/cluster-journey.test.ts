/**
 * The customer's journey in cluster mode: three sync-server processes over one CouchDB (pouchdb-server behind the
 * opaque-seq proxy, or HARBOR_TEST_COUCHDB_URL) and one Redis, behind a round-robin balancer with no stickiness.
 * The customer signs in and syncs through it; an agent's reply written on one server reaches the open thread from
 * another; a reply sent while every server is down arrives once when they are back, and the thread is live again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMessage } from '../app/model/fixtures';
import { newId } from '../app/model/ids';
import type { MessageDoc, TicketDoc } from '../app/model';
import { startPouchServer, type PouchServer } from '../bench/support/pouchdb-server-process';
import { startCluster, type Cluster } from '../sync-server/cluster/cluster-servers';
import { startRoundRobinProxy, type RoundRobinProxy } from '../sync-server/cluster/round-robin-proxy';
import { freePort } from '../sync-server/test-support/free-port';
import { startOpaqueSeqProxy, type OpaqueSeqProxy } from '../sync-server/test-support/opaque-seq-proxy';
import { startRedis, type RedisProcess } from '../sync-server/test-support/redis-process';
import { launchBrowser, signIn, signInAgent, type AgentApi, type RunningBrowser } from './support';

const SUBJECT = 'Invoices arrive twice since the move';

describe('journey: three servers behind a balancer', () => {
  let pouch: PouchServer | undefined;
  let opaque: OpaqueSeqProxy | undefined;
  let redis: RedisProcess;
  let cluster: Cluster;
  let balancer: RoundRobinProxy;
  let browser: RunningBrowser;
  let ticketId: string;
  const direct = (i: number): string => `http://127.0.0.1:${cluster.servers[i]!.port}`;

  beforeAll(async () => {
    let couchUrl = process.env.HARBOR_TEST_COUCHDB_URL;
    if (!couchUrl) {
      pouch = await startPouchServer({ inMemory: true });
      opaque = await startOpaqueSeqProxy(pouch.baseUrl, { rewind: false });
      couchUrl = opaque.url;
    }
    redis = await startRedis();
    // The browser's origin is the balancer's: every server is told it.
    const port = await freePort();
    cluster = await startCluster(3, couchUrl, redis.url, { publicUrl: `http://127.0.0.1:${port}`, seedDemo: true });
    balancer = await startRoundRobinProxy(cluster.servers.map((server) => server.port), port);
    browser = await launchBrowser(balancer.url);
  });
  afterAll(async () => {
    await browser?.close();
    await balancer?.close();
    await cluster?.stop();
    await redis?.stop();
    await opaque?.close();
    await pouch?.stop();
  });

  /** How many messages with `body` the agent sees on the journey's ticket. */
  const copiesOn = async (agent: AgentApi, body: string): Promise<number> =>
    (await agent.all<MessageDoc>('messages')).filter((m) => m.ticketId === ticketId && m.body === body).length;

  it('signs in and shows My Tickets with every request spread over the three servers', async () => {
    const { page } = browser;
    await signIn(page, 'ada@example.com');
    await page.locator('.ticket-row').first().waitFor();
    expect(await page.locator('.ticket-row').count()).toBeGreaterThan(0);
    expect(balancer.counts().every((count) => count > 0)).toBe(true);
  });

  it('creates a request: it gets its TK number from whichever server takes it, once', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: /New Request/ }).click();
    await page.getByLabel('Subject').fill(SUBJECT);
    await page.getByLabel('Message').fill('Every invoice since Monday came in two copies.');
    await page.getByRole('button', { name: 'Submit Request' }).click();
    await page.getByRole('heading', { level: 1, name: SUBJECT }).waitFor();
    ticketId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await page.locator('.ticket-header .chip-number', { hasText: /^TK-\d+$/ }).waitFor({ timeout: 20_000 });
    const agent = await signInAgent(direct(0));
    expect((await agent.all<TicketDoc>('tickets')).filter((t) => t.subject === SUBJECT)).toHaveLength(1);
  });

  /** An agent replies on server 2 (not the one the page's longpoll is held by, or not only): the page shows it live. */
  async function agentReplies(body: string): Promise<void> {
    const agent = await signInAgent(direct(2));
    const ticket = (await agent.all<TicketDoc>('tickets')).find((t) => t._id === ticketId)!;
    const author = { id: agent.user.id, name: agent.user.name, email: 'sam@example.com', role: 'agent' as const };
    const { id, ...reply } = aMessage({ ...ticket, id: ticketId }, author, { id: newId(), body, createdAt: Date.now() });
    expect((await agent.write('messages', [{ _id: id, ...reply }]))[0]?.ok).toBe(true);
    await browser.page.getByText(body, { exact: true }).waitFor({ timeout: 20_000 });
  }

  it("shows an agent's reply written on one server in the thread the customer holds open through the others", async () => {
    await agentReplies('We found the duplicate mailing rule and removed it.');
  });

  it('keeps a reply sent while every server is down, sends it once when they are back, and syncs live again', async () => {
    const { page } = browser;
    await Promise.all(cluster.servers.map((server) => server.kill()));
    const body = 'Thanks, the next invoice came once.';
    await page.getByRole('textbox', { name: /Reply/ }).fill(body);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('.message-card', { hasText: body }).waitFor();
    // The page's live pull met the balancer's 502 (an error body RxDB must never be handed) before they come back.
    await expect.poll(() => balancer.refused().filter((path) => path === '/db/messages/_changes').length, { timeout: 20_000 }).toBeGreaterThan(0);
    for (const server of cluster.servers) await server.restart();
    await page.locator('.message-card', { hasText: body }).getByText('Sent').waitFor({ timeout: 30_000 });
    expect(await copiesOn(await signInAgent(direct(1)), body)).toBe(1);
    await agentReplies('Good to hear. Closing this one soon.');
  });
});
