/**
 * One ticket's thread for an agent: the ticket and every message (internal notes included) with its delivery, and
 * each email reply's mail as the server recorded it (live: a new state shows without a reload).
 */
import { createMemo, type Accessor } from 'solid-js';
import type { MessageDoc } from '../../model';
import type { AgentThread } from './agent-types';
import type { DeviceReads } from '../core/reads';
import { deliveryOf, summarizeConversations } from '../customer/derive-summaries';
import { fromObservable } from '../bridge/live-bridge';
import { outboxKey, type OutboxEntry } from '../core/replication/outbox-store';
import type { MessageView } from '../bridge/types';
import { emailDeliveryKey, emailDeliveryOf } from './email-delivery';

/** The live thread of `ticketId`; `null` when not found once the device knows its list, `undefined` while loading. */
export function createAgentThread(
  reads: DeviceReads,
  ticketId: string,
  outbox: Accessor<Record<string, OutboxEntry>>,
  listsKnown: Accessor<boolean>,
  offline: Accessor<boolean> = () => false,
): Accessor<AgentThread | null | undefined> {
  const ticket = fromObservable(reads.ticket(ticketId));
  const messages = fromObservable(reads.threadMessages(ticketId));
  const deliveries = fromObservable(reads.ticketDeliveries(ticketId));
  const deliveryById = createMemo(() => new Map((deliveries() ?? []).map((d) => [d.id, d])));
  const views = new Map<string, { doc: MessageDoc; key: string; view: MessageView }>();
  const withDelivery = createMemo(() => {
    const list = messages();
    if (!list) return undefined;
    const entries = outbox();
    const noNetwork = offline();
    const mails = deliveryById();
    return list.map((doc) => {
      const delivery = deliveryOf(entries[outboxKey('messages', doc.id)], noNetwork);
      const emailDelivery = emailDeliveryOf(mails.get(doc.id));
      const key = `${delivery.state === 'failed' ? `failed:${delivery.reason}` : delivery.state}|${emailDeliveryKey(emailDelivery)}`;
      const old = views.get(doc.id);
      if (old && old.key === key && old.doc.body === doc.body) return old.view;
      const view: MessageView = { ...doc, delivery, ...(emailDelivery && { emailDelivery }) };
      views.set(doc.id, { doc, key, view });
      return view;
    });
  });
  const conversations = createMemo(() =>
    summarizeConversations((messages() ?? []).filter((m) => m.visibility === 'public')));
  return createMemo(() => {
    const current = ticket();
    const list = withDelivery();
    if (current === undefined || list === undefined) return undefined;
    if (current === null) return listsKnown() ? null : undefined;
    return { ticket: current, messages: list, conversations: conversations() };
  });
}
