/** The server process with INBOUND_SMTP_PORT: the listener starts with it, takes mail into the demo, and stops on SIGTERM. */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, expect, it } from 'vitest';
import { finished, killGroup, spawnTsx, waitForOutput } from '../test-support/spawn-tsx';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'harbor-inbound-main-'));
const started: ChildProcess[] = [];
afterAll(() => {
  for (const child of started) killGroup(child);
  rmSync(tmp, { recursive: true, force: true });
});

it('starts the listener on a free port, takes a customer’s mail, and exits 0 on SIGTERM', async () => {
  const env = { DATA_DIR: path.join(tmp, 'data'), PORT: '0', HOST: '127.0.0.1', INBOUND_SMTP_PORT: '0', MAIL_FROM: 'Acme Support <support@acme.example>' };
  const child = spawnTsx('sync-server/main.ts', [], env);
  started.push(child);
  const exit = finished(child);
  const [, url, port] = await waitForOutput(child, /is serving (http:\/\/127\.0\.0\.1:\d+)[^]*Inbound mail for support@acme\.example is taken on port (\d+)\n/);
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: Number(port), secure: false, ignoreTLS: true });
  const sent = await transport.sendMail({ from: 'ada@example.com', to: 'support@acme.example', subject: 'Mail into the demo', text: 'Hello from my mail client.' });
  transport.close();
  expect(sent.response).toMatch(/^250 .*new ticket/);

  const signIn = await fetch(`${url}/api/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'ada@example.com', password: 'demo-password' }),
  });
  const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
  const tickets = await (await fetch(`${url}/db/tickets/_changes?feed=normal&include_docs=true&since=0&limit=100`, { headers: { cookie } })).json();
  expect(tickets.results.map((row: { doc: { subject: string } }) => row.doc.subject)).toContain('Mail into the demo');
  child.kill('SIGTERM');
  expect((await exit).code).toBe(0);
}, 120_000);
