/** /tickets/:id: one ticket with its conversations; replies go to the selected conversation. */
import { useParams } from '@solidjs/router';
import { createMemo, createSignal, Match, Show, Switch } from 'solid-js';
import { TicketDetailView } from '../components/ticket-detail-view';
import { keptFilesFollowing, useData } from '../data';
import { formatTicketNumber } from '../model/ticket-number';
import { createPageTitle } from './page-title';

function messageOf(error: unknown, fallback: string): string {
  return error instanceof Error ? error.message : fallback;
}

/** Remounts per ticket id, so each ticket's live queries are made once, at setup. */
export default function TicketPage() {
  const params = useParams<{ id: string }>();
  return <Show when={params.id} keyed>{(id) => <TicketScreen ticketId={id} />}</Show>;
}

function TicketScreen(props: { ticketId: string }) {
  const data = useData();
  const ticketId = props.ticketId;
  const ticket = data.ticket(ticketId);
  const messages = data.messages(ticketId);
  const conversations = data.conversations(ticketId);
  const ratingDelivery = data.ratingDelivery(ticketId);
  createPageTitle(() => {
    const t = ticket();
    if (t === undefined) return 'Ticket';
    return t === null ? 'Ticket not found' : `${formatTicketNumber(t.number) ?? 'New request'}: ${t.subject}`;
  });
  const [chosen, setChosen] = createSignal<string | null>(null);

  // The conversation shown: the one chosen, else the one with the latest activity; a new request's first
  // conversation has the ticket's id, which is also the fallback before any message has arrived.
  const selected = createMemo(() => {
    const list = conversations();
    const pick = list.find((c) => c.id === chosen())
      ?? [...list].sort((a, b) => b.lastActivityAt - a.lastActivityAt)[0];
    return pick ?? { id: ticketId, channel: 'portal' as const, messageCount: 0, lastActivityAt: 0 };
  });
  const shown = createMemo(() => messages()?.filter((m) => m.conversationId === selected().id));
  const draft = createMemo(() => data.draft(`reply:${ticketId}:${selected().id}`));
  // The chosen files of the conversation shown, kept on the device like its text.
  const replyFiles = keptFilesFollowing(data, () => `reply-files:${ticketId}:${selected().id}`);

  return (
    <Switch>
      <Match when={ticket() === undefined}>
        <main class="page page-narrow" id="main"><p class="empty" role="status">Loading the ticket…</p></main>
      </Match>
      <Match when={ticket() === null}>
        <main class="page page-narrow" id="main">
          <a class="back-link" href="/tickets"><span aria-hidden="true">←</span> Back</a>
          <h1 class="page-title">Ticket not found</h1>
          <p class="card empty">This ticket is not on this device. It may have been removed, or it belongs to another account.</p>
        </main>
      </Match>
      <Match when={ticket()}>
        {(t) => (
          <TicketDetailView
            ticket={t()}
            messageCount={messages()?.length ?? 0}
            conversations={conversations()}
            selectedConversationId={selected().id}
            onSelectConversation={setChosen}
            channel={selected().channel}
            messages={shown()}
            userId={data.user.id}
            draft={draft().value()}
            onDraftInput={(v) => draft().set(v)}
            attachmentLimits={data.attachmentLimits()}
            replyFiles={replyFiles}
            attachmentBlob={(file) => data.attachmentBlob(file)}
            onSend={async (body, files) => {
              try {
                const kept = draft();
                await data.reply({ ticketId, conversationId: selected().id, channel: selected().channel, body, files });
                kept.sent(body);
                return null;
              } catch (error) {
                return messageOf(error, 'The reply could not be saved.');
              }
            }}
            onRetry={(id) => data.retryMessage(id)}
            onDiscard={(id) => data.discardMessage(id)}
            onMarkResolved={() => data.markResolved(ticketId)}
            ratingDelivery={ratingDelivery()}
            onRate={async (value, comment) => {
              try {
                await data.rate(ticketId, value, comment);
                return null;
              } catch (error) {
                return messageOf(error, 'Your rating could not be saved.');
              }
            }}
            onDismissRatingFailure={() => data.dismissRatingFailure(ticketId)}
            backHref="/tickets"
            newRequestHref="/tickets/new"
          />
        )}
      </Match>
    </Switch>
  );
}
