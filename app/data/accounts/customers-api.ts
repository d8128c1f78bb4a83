/**
 * The agent's Customers screen reads and writes the server directly (`/api/customers`), online only: customers
 * are not replicated to the device. Each call answers a plain result and never throws (an abort aside).
 */

/** An invitation's times, as epoch milliseconds. */
export interface InvitationTimes { sentAt: number; expiresAt: number }

/** One customer as the screen shows it. */
export interface CustomerSummary {
  id: string;
  name: string;
  email: string;
  hasPassword: boolean;
  invitation: InvitationTimes | null;
}

/** One page of a search, or why there is none (`offline` when the network failed). */
export type CustomerListResult =
  | { ok: true; customers: CustomerSummary[]; total: number }
  | { ok: false; offline: boolean; message: string };

/** An added customer, or a problem in words, at the field it concerns when it concerns one. */
export type AddCustomerResult =
  | { ok: true; customer: CustomerSummary }
  | { ok: false; field: 'name' | 'email' | null; message: string };

/** A sent invitation, or why not (`mail_off`: mail is not set up on the server). */
export type InvitationResult =
  | { ok: true; invitation: InvitationTimes }
  | { ok: false; kind: 'mail_off' | 'conflict' | 'not_found' | 'offline' | 'other'; message: string };

const NO_CONNECTION = 'No connection to the server. Check your network and try again.';

const time = (value: unknown): number => (typeof value === 'number' ? value : Date.parse(String(value)));

function parseInvitation(value: unknown): InvitationTimes | null {
  const v = value as Record<string, unknown> | null;
  if (!v || typeof v !== 'object') return null;
  const invitation = { sentAt: time(v.sentAt), expiresAt: time(v.expiresAt) };
  return Number.isFinite(invitation.expiresAt) ? invitation : null;
}

function parseCustomer(value: unknown): CustomerSummary | null {
  const v = value as Record<string, unknown> | null;
  if (!v || typeof v.id !== 'string' || typeof v.name !== 'string' || typeof v.email !== 'string') return null;
  return { id: v.id, name: v.name, email: v.email, hasPassword: v.hasPassword === true, invitation: parseInvitation(v.invitation) };
}

async function answer(response: Response): Promise<{ error?: string; reason?: string; [key: string]: unknown }> {
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  return body && typeof body === 'object' ? body : {};
}

async function send(path: string, init: RequestInit = {}): Promise<Response | null> {
  try {
    return await fetch(path, {
      ...init, credentials: 'include', headers: { 'content-type': 'application/json', ...init.headers },
    });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    return null;
  }
}

/** Customers whose name or email matches `query` (all when empty), at most `limit`; `signal` aborts a stale search. */
export async function listCustomers(query: string, limit: number, signal?: AbortSignal): Promise<CustomerListResult> {
  const params = new URLSearchParams({ q: query.trim(), limit: String(limit) });
  const response = await send(`/api/customers?${params}`, { signal });
  if (!response) return { ok: false, offline: true, message: NO_CONNECTION };
  const body = await answer(response);
  if (!response.ok || !Array.isArray(body.customers)) {
    return { ok: false, offline: false, message: body.reason ?? 'The customers could not be loaded. Try again in a moment.' };
  }
  const customers = body.customers.map(parseCustomer).filter((c): c is CustomerSummary => c !== null);
  return { ok: true, customers, total: typeof body.total === 'number' ? body.total : customers.length };
}

/** Adds a customer (`POST /api/customers`); a 409 (the email is taken) is told at the email field. */
export async function addCustomer(name: string, email: string): Promise<AddCustomerResult> {
  const response = await send('/api/customers', { method: 'POST', body: JSON.stringify({ name: name.trim(), email: email.trim() }) });
  if (!response) return { ok: false, field: null, message: NO_CONNECTION };
  const body = await answer(response);
  const customer = response.ok ? parseCustomer(body.customer) : null;
  if (customer) return { ok: true, customer };
  if (response.status === 409) {
    return { ok: false, field: 'email', message: body.reason ?? 'A customer with this email address already exists.' };
  }
  if (response.status === 400) {
    const field = /name/i.test(body.error ?? '') ? 'name' : 'email';
    return { ok: false, field, message: body.reason ?? 'Check the name and email address.' };
  }
  return { ok: false, field: null, message: body.reason ?? 'The customer could not be added. Try again in a moment.' };
}

/** Sends (or sends again) a customer's invitation (`POST /api/customers/:id/invitation`). */
export async function sendInvitation(customerId: string): Promise<InvitationResult> {
  const response = await send(`/api/customers/${encodeURIComponent(customerId)}/invitation`, { method: 'POST' });
  if (!response) return { ok: false, kind: 'offline', message: NO_CONNECTION };
  const body = await answer(response);
  const invitation = response.ok ? parseInvitation(body.invitation) : null;
  if (invitation) return { ok: true, invitation };
  if (response.status === 404) return { ok: false, kind: 'not_found', message: body.reason ?? 'This customer no longer exists.' };
  if (response.status === 409) {
    const kind = body.error === 'mail_off' ? 'mail_off' : 'conflict';
    return { ok: false, kind, message: body.reason ?? 'The invitation could not be sent.' };
  }
  return { ok: false, kind: 'other', message: body.reason ?? 'The invitation could not be sent. Try again in a moment.' };
}
