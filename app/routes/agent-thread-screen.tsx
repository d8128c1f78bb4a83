/** The selected ticket's thread (container): reads the thread, marks it read, and writes replies, notes and changes. */
import { createEffect, createMemo, createSignal, Match, on, Switch } from 'solid-js';
import { AgentThreadView } from '../components/agent-thread-view';
import type { ConversationChip } from '../components/conversation-chips';
import { keptFilesFollowing, useAgentData, useData } from '../data';
import { useBranding } from './branding-context';
import type { Channel } from '../model/constants';

/** The id the chips use for a conversation the agent is starting (it gets its real id with its first message). */
const NEW_CONVERSATION = 'new-conversation';

function messageOf(error: unknown, fallback: string): string {
  return error instanceof Error ? error.message : fallback;
}

/** One ticket's thread; remounted per ticket id by the inbox, so its live queries are made once. */
export function AgentThreadScreen(props: { ticketId: string }) {
  const data = useData();
  const agent = useAgentData();
  const branding = useBranding();
  const ticketId = props.ticketId;
  const thread = agent.thread(ticketId);
  const [chosen, setChosen] = createSignal<string | null>(null);
  const [starting, setStarting] = createSignal<'email' | 'chat' | null>(null);

  // Opening the thread, and every message that arrives while it is open, counts as read on this device.
  createEffect(on(() => thread()?.messages.length, (count) => { if (count !== undefined) void agent.markRead(ticketId); }));

  const conversations = createMemo<ConversationChip[]>(() => {
    const list = thread()?.conversations ?? [];
    const draft = starting();
    return draft ? [...list, { id: NEW_CONVERSATION, channel: draft, messageCount: 0 }] : list;
  });
  // The conversation shown: the one being started, the one chosen, else the one with the latest activity.
  const selected = createMemo((): { id: string; channel: Channel } => {
    const draft = starting();
    if (draft) return { id: NEW_CONVERSATION, channel: draft };
    const list = thread()?.conversations ?? [];
    const pick = list.find((c) => c.id === chosen()) ?? [...list].sort((a, b) => b.lastActivityAt - a.lastActivityAt)[0];
    return pick ?? { id: ticketId, channel: 'portal' };
  });
  // A note belongs to the conversation it was written in, and shows there in time order with its messages.
  const shown = createMemo(() => thread()?.messages.filter((m) => m.conversationId === selected().id));
  const replyDraft = createMemo(() => data.draft(`agent-reply:${ticketId}:${starting() ?? selected().id}`));
  const noteDraft = data.draft(`agent-note:${ticketId}`);
  const replyFilesKey = () => `agent-reply-files:${ticketId}:${starting() ?? selected().id}`;
  const replyFiles = keptFilesFollowing(data, replyFilesKey);
  const noteFiles = data.draftFiles(`agent-note-files:${ticketId}`);

  async function reply(body: string, files: readonly File[]): Promise<string | null> {
    try {
      const draft = starting();
      const kept = replyDraft();
      if (draft) {
        const keptFiles = data.draftFiles(replyFilesKey());
        const id = await agent.startConversation({ ticketId, channel: draft, body, files });
        // The composer clears the files sent from the conversation it shows next: clear them here, where they were kept.
        keptFiles.set(keptFiles.files().filter((file) => !files.includes(file)));
        setStarting(null);
        setChosen(id);
      } else {
        await agent.agentReply({ ticketId, conversationId: selected().id, channel: selected().channel, body, files });
      }
      kept.sent(body);
      return null;
    } catch (error) {
      return messageOf(error, 'The reply could not be saved.');
    }
  }

  // A ticket change resolves to the sentence the controls show, or null once written.
  const changed = (write: Promise<void>): Promise<string | null> =>
    write.then(() => null, (error: unknown) => messageOf(error, 'The change could not be saved.'));

  async function note(body: string, files: readonly File[]): Promise<string | null> {
    try {
      // While a conversation is being started it has no id yet: the note goes on the ticket's first conversation.
      const on = starting() ? { conversationId: ticketId, channel: 'portal' as const } : { conversationId: selected().id, channel: selected().channel };
      await agent.addInternalNote({ ticketId, ...on, body, files });
      noteDraft.sent(body);
      return null;
    } catch (error) {
      return messageOf(error, 'The note could not be saved.');
    }
  }

  return (
    <Switch>
      <Match when={thread() === undefined}><p class="empty" role="status">Loading the ticket…</p></Match>
      <Match when={thread() === null}>
        <div class="thread">
          <a class="back-link thread-back" href="/agent"><span aria-hidden="true">←</span> Back to inbox</a>
          <h2 class="thread-title">Ticket not found</h2>
          <p class="card empty">This ticket is not on this device yet, or it does not exist.</p>
        </div>
      </Match>
      <Match when={thread()}>
        {(t) => (
          <AgentThreadView
            ticket={{ ...t().ticket }}
            agents={agent.agents()}
            conversations={conversations()}
            selectedConversationId={selected().id}
            onSelectConversation={(id) => { if (id !== NEW_CONVERSATION) { setStarting(null); setChosen(id); } }}
            onStartConversation={setStarting}
            channel={selected().channel}
            messages={shown()}
            userId={data.user.id}
            replyDraft={replyDraft().value()}
            onReplyInput={(v) => replyDraft().set(v)}
            onReply={reply}
            noteDraft={noteDraft.value()}
            onNoteInput={(v) => noteDraft.set(v)}
            onNote={note}
            attachmentLimits={data.attachmentLimits()}
            replyFiles={replyFiles}
            noteFiles={noteFiles}
            mailOutbound={branding().mailOutbound}
            attachmentBlob={(file) => data.attachmentBlob(file)}
            onRetry={(id) => data.retryMessage(id)}
            onDiscard={(id) => data.discardMessage(id)}
            onStatusChange={(s) => changed(agent.setStatus(ticketId, s))}
            onPriorityChange={(p) => changed(agent.setPriority(ticketId, p))}
            onAssigneeChange={(a) => changed(agent.setAssignee(ticketId, a))}
            backHref="/agent"
          />
        )}
      </Match>
    </Switch>
  );
}
