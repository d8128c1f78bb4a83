/**
 * A capture SMTP server for tests: `smtp-server` in this process on a free 127.0.0.1 port, each mail parsed with
 * `mailparser` and kept in `mails`. It can refuse the next mails (4xx temporary, 5xx permanent) and hold the
 * answer to the next one (a sender killed after the mail arrived, before it heard "250"). Reused by every mail suite:
 *
 *   const smtp = await startCaptureSmtp();            // config: smtpUrl = smtp.url ({ port } to choose it)
 *   const mail = await smtp.nextMail();               // the next one not returned yet
 *   await smtp.untilMails(3);                         // all of them once there are three
 *   smtp.refuseNext(2, 'temporary');                  // the next two get "451"; 'permanent' gets "550"
 *   const held = smtp.holdNext(); await held.arrived; held.release();
 *   await smtp.close();
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One mail the server accepted: the envelope as sent and the parsed message (`parsed.messageId`, `parsed.text`, …). */
export interface CapturedMail {
  envelope: { from: string; to: string[] };
  raw: Buffer;
  parsed: ParsedMail;
}

/** A mail whose answer waits until `release()`; it is in `mails` as soon as it `arrived`. */
export interface HeldAnswer {
  arrived: Promise<CapturedMail>;
  release(): void;
}

/** The running capture server. */
export interface CaptureSmtp {
  port: number;
  /** `smtp://127.0.0.1:{port}`, for `SMTP_URL`. */
  url: string;
  /** Every accepted mail, in order of arrival (refused ones are not kept). */
  mails: CapturedMail[];
  /** How many mails were refused so far. */
  refusedCount(): number;
  /** The next mail not returned by `nextMail` before (waits up to `timeoutMs`). */
  nextMail(timeoutMs?: number): Promise<CapturedMail>;
  /** Resolves with `mails` once there are at least `count` (waits up to `timeoutMs`). */
  untilMails(count: number, timeoutMs?: number): Promise<CapturedMail[]>;
  /** Refuses the next `count` mails after their data: `451` (temporary) or `550` (permanent), with `text`. */
  refuseNext(count: number, kind: 'temporary' | 'permanent', text?: string): void;
  /** Holds the answer to the next mail until `release()`. */
  holdNext(): HeldAnswer;
  close(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 10_000;

interface Refusal {
  code: number;
  text: string;
}

/** Starts a capture server on a free loopback port, or on `port` (a server that comes back where a sender expects it). */
export async function startCaptureSmtp(options: { port?: number } = {}): Promise<CaptureSmtp> {
  const mails: CapturedMail[] = [];
  const refusals: Refusal[] = [];
  const held: Array<{ arrive: (mail: CapturedMail) => void; released: Promise<void> }> = [];
  const waiters = new Set<() => void>();
  let returned = 0;
  let refused = 0;

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 500,
    onAuth(_auth, _session, callback) {
      callback(null, { user: 'test' });
    },
    onData(stream, session, callback) {
      const chunks: Uint8Array[] = [];
      stream.on('data', (chunk: Uint8Array) => chunks.push(chunk));
      stream.on('error', (error) => callback(error));
      stream.on('end', () => {
        const refusal = refusals.shift();
        if (refusal) {
          refused++;
          callback(Object.assign(new Error(refusal.text), { responseCode: refusal.code }));
          return;
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          async (parsed) => {
            const mail: CapturedMail = {
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              },
              raw,
              parsed,
            };
            mails.push(mail);
            for (const wake of [...waiters]) wake();
            const hold = held.shift();
            if (hold) {
              hold.arrive(mail);
              await hold.released;
            }
            callback(null, 'Queued');
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  server.on('error', () => undefined); // a client that vanishes mid-mail (a killed sender) is not the test's failure
  const port = await new Promise<number>((resolve, reject) => {
    const listening = server.listen(options.port ?? 0, '127.0.0.1', () => {
      const address = listening.address();
      if (address && typeof address === 'object') resolve(address.port);
      else reject(new Error('the capture SMTP server has no port'));
    });
    listening.once('error', reject);
  });

  function until<T>(ready: () => T | undefined, what: string, timeoutMs: number): Promise<T> {
    const now = ready();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`capture SMTP: no ${what} within ${timeoutMs} ms (${mails.length} mails so far)`));
      }, timeoutMs);
      const check = (): void => {
        const value = ready();
        if (value === undefined) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(value);
      };
      waiters.add(check);
    });
  }

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    mails,
    refusedCount: () => refused,
    nextMail(timeoutMs = DEFAULT_TIMEOUT_MS) {
      return until(() => (mails.length > returned ? mails[returned++] : undefined), 'next mail', timeoutMs);
    },
    untilMails(count, timeoutMs = DEFAULT_TIMEOUT_MS) {
      return until(() => (mails.length >= count ? mails : undefined), `${count} mails`, timeoutMs);
    },
    refuseNext(count, kind, text = kind === 'temporary' ? 'Try again later' : 'Mailbox unavailable') {
      for (let i = 0; i < count; i++) refusals.push({ code: kind === 'temporary' ? 451 : 550, text });
    },
    holdNext() {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let arrive!: (mail: CapturedMail) => void;
      const arrived = new Promise<CapturedMail>((resolve) => (arrive = resolve));
      held.push({ arrive, released });
      return { arrived, release };
    },
    close() {
      for (const hold of held.splice(0)) hold.arrive = () => undefined;
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
