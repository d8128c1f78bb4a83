/** Messages are immutable: the handler counts a server copy as the device's message only when every field is alike, named files too. */
import { describe, expect, it } from 'vitest';
import type { WithDeleted } from 'rxdb';
import { ada, aMessage, aNamedFile, aTicket } from '../../model/fixtures';
import type { MessageDoc } from '../../model';
import { createMessageConflictHandler } from './message-conflict-handler';
import type { OutboxView } from './replication/outbox-store';

const outbox: OutboxView = { needsResend: () => false, acknowledge: async () => undefined, refuse: async () => undefined };
const live = (m: MessageDoc): WithDeleted<MessageDoc> => ({ ...m, _deleted: false });
const naming = live(aMessage(aTicket(ada), ada, { attachments: [aNamedFile()] }));

describe('message conflict handler', () => {
  it('takes a copy naming the same files, in a fresh array, as the same message', () => {
    const handler = createMessageConflictHandler(outbox);
    expect(handler.isEqual(naming, { ...naming, attachments: [aNamedFile()] }, 'test')).toBe(true);
  });

  it('takes a copy naming other files, or none, as another message', () => {
    const handler = createMessageConflictHandler(outbox);
    expect(handler.isEqual(naming, { ...naming, attachments: [aNamedFile({ sha256: 'cd'.repeat(32) })] }, 'test')).toBe(false);
    const { attachments: _dropped, ...bare } = naming;
    expect(handler.isEqual(naming, bare, 'test')).toBe(false);
  });
});
