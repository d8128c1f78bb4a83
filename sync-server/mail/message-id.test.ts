/** The Message-ID rule shared by outbound and inbound mail. */
import { expect, it } from 'vitest';
import { messageIdHeader } from './message-id';

it('is the message id at the support domain, in angle brackets', () => {
  expect(messageIdHeader('0193a1b2-msg', 'support@Acme.example')).toBe('<0193a1b2-msg@acme.example>');
  expect(messageIdHeader('m-1', 'support@acme.example')).toBe(messageIdHeader('m-1', 'support@acme.example'));
});
