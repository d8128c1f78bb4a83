/** Email's configuration: SMTP_URL and MAIL_FROM for outbound mail, INBOUND_SMTP_PORT for mail coming in. */
import { ConfigError } from '../config';

/** Outbound mail: where it is handed over, and who it is from. */
export interface OutboundMailConfig {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465` (implicit TLS). */
  smtpUrl: string;
  /** The support address as a header value (`Acme Support <support@acme.example>`). */
  from: string;
  /** The support address alone, lowercase (`support@acme.example`); replies come back to its `+token` forms. */
  address: string;
}

/** Both directions; each is off when unset. */
export interface MailConfig {
  outbound?: OutboundMailConfig;
  /** The port Harbor accepts mail for the support address on (0 picks a free one, for tests). */
  inboundSmtpPort?: number;
  /** The support address inbound mail must be sent to (and its `+token` forms); set whenever inbound is on. */
  inboundAddress?: string;
}

type Env = Record<string, string | undefined>;

const ADDRESS = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

/** The domain of an address (`acme.example` of `support@acme.example`), lowercase. */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/** `Name <local@domain>` or `local@domain`: the address part, lowercase, or undefined when there is none. */
export function addressOf(from: string): string | undefined {
  const bracketed = /<([^<>]+)>\s*$/.exec(from);
  const candidate = (bracketed ? bracketed[1]! : from).trim();
  return ADDRESS.test(candidate) ? candidate.toLowerCase() : undefined;
}

function parseSmtpUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('SMTP_URL must be a URL such as smtp://user:pass@mail.example.com:587.');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new ConfigError(`SMTP_URL must start with smtp:// or smtps://, not "${url.protocol}".`);
  }
  if (!url.hostname) throw new ConfigError('SMTP_URL must name a host, such as smtp://mail.example.com:587.');
  return raw;
}

function parseFrom(raw: string | undefined, needer: string): { from: string; address: string } {
  if (raw === undefined) throw new ConfigError(`MAIL_FROM is required with ${needer}: it is the support address, such as "Acme Support <support@acme.example>".`);
  const address = addressOf(raw);
  if (address === undefined) throw new ConfigError(`MAIL_FROM must be an address such as "Acme Support <support@acme.example>", not "${raw}".`);
  if (address.split('@')[0]!.includes('+')) throw new ConfigError('MAIL_FROM must not hold a "+": replies come back to its +token forms.');
  return { from: raw, address };
}

function parseInboundPort(raw: string): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) throw new ConfigError(`INBOUND_SMTP_PORT must be a whole number from 0 to 65535, not "${raw}".`);
  return port;
}

/** Reads SMTP_URL, MAIL_FROM and INBOUND_SMTP_PORT; throws `ConfigError` with a one-line reason. */
export function parseMailConfig(env: Env): MailConfig {
  const smtpUrl = env.SMTP_URL?.trim() || undefined;
  const fromRaw = env.MAIL_FROM?.trim() || undefined;
  const inboundRaw = env.INBOUND_SMTP_PORT?.trim() || undefined;
  const config: MailConfig = {};
  if (smtpUrl !== undefined) config.outbound = { smtpUrl: parseSmtpUrl(smtpUrl), ...parseFrom(fromRaw, 'SMTP_URL') };
  if (inboundRaw !== undefined) {
    config.inboundSmtpPort = parseInboundPort(inboundRaw);
    config.inboundAddress = parseFrom(fromRaw, 'INBOUND_SMTP_PORT').address;
  }
  return config;
}
