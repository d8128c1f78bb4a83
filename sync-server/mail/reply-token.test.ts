/** The reply address: stable per conversation, unguessable without the secret, and read back from a recipient. */
import { describe, expect, it } from 'vitest';
import { readRecipient, replyAddress, replyToken } from './reply-token';

describe('reply tokens', () => {
  it('are the same for one conversation and differ between conversations and secrets', () => {
    const token = replyToken('secret-one-0123456789', 'conv-1');
    expect(token).toMatch(/^[0-9a-f]{24}$/);
    expect(replyToken('secret-one-0123456789', 'conv-1')).toBe(token);
    expect(replyToken('secret-one-0123456789', 'conv-2')).not.toBe(token);
    expect(replyToken('secret-two-0123456789', 'conv-1')).not.toBe(token);
  });

  it('make a plus address that reads back to the token, whatever its case', () => {
    const token = replyToken('secret-one-0123456789', 'conv-1');
    const address = replyAddress('support@acme.example', token);
    expect(address).toBe(`support+${token}@acme.example`);
    expect(readRecipient('support@acme.example', address.toUpperCase())).toEqual({ kind: 'reply', token });
    expect(readRecipient('support@acme.example', 'Support@Acme.Example')).toEqual({ kind: 'support' });
  });

  it('refuse addresses that are not ours or tokens of the wrong shape', () => {
    expect(readRecipient('support@acme.example', 'someone@elsewhere.example')).toBeNull();
    expect(readRecipient('support@acme.example', 'support+abc@acme.example')).toBeNull();
    expect(readRecipient('support@acme.example', 'sales@acme.example')).toBeNull();
    expect(readRecipient('support@acme.example', `support+${'a'.repeat(24)}@acme.example.evil`)).toBeNull();
  });
});
