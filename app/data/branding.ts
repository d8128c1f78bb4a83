/**
 * The portal's branding, its attachment limits and whether email replies leave as mail, kept on the device so
 * `/login` looks the same offline, a file past a limit is refused before sending, and an agent offline still
 * knows that email is not set up; no RxDB here.
 */
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import { DEFAULT_ATTACHMENT_LIMITS, type AttachmentLimits } from '../model/attachment';

/** What `/api/portal` returns, the limits as one value (the defaults until the server has said). */
export interface Branding {
  name: string;
  primaryColor: string;
  logoUrl: string | null;
  attachmentLimits: AttachmentLimits;
  /** Whether the server mails agents' email replies (SMTP_URL set); false until it has said. */
  mailOutbound: boolean;
}

const BRANDING_KEY = 'harbor.branding';
const FALLBACK: Branding = { name: 'Support', primaryColor: '#4f46e5', logoUrl: null, attachmentLimits: DEFAULT_ATTACHMENT_LIMITS, mailOutbound: false };

const positive = (value: unknown, fallback: number): number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : fallback;

function parseLimits(v: Record<string, unknown>): AttachmentLimits {
  const limits = (v.attachmentLimits ?? {}) as Record<string, unknown>; // the device's own stored copy
  return {
    maxBytes: positive(v.attachmentMaxBytes ?? limits.maxBytes, DEFAULT_ATTACHMENT_LIMITS.maxBytes),
    maxFiles: positive(v.attachmentMaxFiles ?? limits.maxFiles, DEFAULT_ATTACHMENT_LIMITS.maxFiles),
  };
}

function parseBranding(value: unknown): Branding | null {
  const v = value as Record<string, unknown> | null;
  if (!v || typeof v.name !== 'string' || typeof v.primaryColor !== 'string') return null;
  return {
    name: v.name, primaryColor: v.primaryColor, logoUrl: typeof v.logoUrl === 'string' ? v.logoUrl : null,
    attachmentLimits: parseLimits(v),
    mailOutbound: v.mailOutbound === true,
  };
}

/** The branding last seen on this device, or a neutral default before the first visit. */
export function cachedBranding(): Branding {
  try {
    return parseBranding(JSON.parse(localStorage.getItem(BRANDING_KEY) ?? 'null')) ?? FALLBACK;
  } catch {
    return FALLBACK;
  }
}

/** The branding: the device's copy at once, then refreshed from `GET /api/portal` when the network allows. */
export function createBranding(): Accessor<Branding> {
  const [branding, setBranding] = createSignal(cachedBranding(), {
    equals: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  });
  const controller = new AbortController();
  onCleanup(() => controller.abort());
  fetch('/api/portal', { credentials: 'include', signal: controller.signal })
    .then((response) => (response.ok ? response.json() : null))
    .then((body: unknown) => {
      const fresh = parseBranding(body);
      if (!fresh) return;
      localStorage.setItem(BRANDING_KEY, JSON.stringify(fresh));
      setBranding(fresh);
    })
    .catch(() => undefined); // offline: the cached copy stays
  return branding;
}
