/** SMTP_URL, MAIL_FROM and INBOUND_SMTP_PORT: off when unset, one-line reasons when wrong. */
import { describe, expect, it } from 'vitest';
import { addressOf, parseMailConfig } from './mail-config';

describe('mail configuration', () => {
  it('is off when nothing is set', () => {
    expect(parseMailConfig({})).toEqual({});
  });

  it('reads outbound and inbound settings', () => {
    const config = parseMailConfig({ SMTP_URL: 'smtp://u:p@mail.example.com:587', MAIL_FROM: 'Acme Support <Support@Acme.example>', INBOUND_SMTP_PORT: '2525' });
    expect(config.outbound).toEqual({ smtpUrl: 'smtp://u:p@mail.example.com:587', from: 'Acme Support <Support@Acme.example>', address: 'support@acme.example' });
    expect(config.inboundSmtpPort).toBe(2525);
    expect(config.inboundAddress).toBe('support@acme.example');
  });

  it('refuses wrong values in one line', () => {
    expect(() => parseMailConfig({ SMTP_URL: 'http://mail.example.com' })).toThrow('SMTP_URL must start with smtp:// or smtps://');
    expect(() => parseMailConfig({ SMTP_URL: 'smtp://mail.example.com' })).toThrow('MAIL_FROM is required with SMTP_URL');
    expect(() => parseMailConfig({ SMTP_URL: 'smtp://mail.example.com', MAIL_FROM: 'Acme' })).toThrow('MAIL_FROM must be an address');
    expect(() => parseMailConfig({ INBOUND_SMTP_PORT: '2525' })).toThrow('MAIL_FROM is required with INBOUND_SMTP_PORT');
    expect(() => parseMailConfig({ INBOUND_SMTP_PORT: '70000', MAIL_FROM: 'support@acme.example' })).toThrow('INBOUND_SMTP_PORT must be a whole number');
    expect(() => parseMailConfig({ SMTP_URL: 'smtp://m.example', MAIL_FROM: 'support+x@acme.example' })).toThrow('must not hold a "+"');
  });

  it('takes the address from a header value', () => {
    expect(addressOf('Acme <support@acme.example>')).toBe('support@acme.example');
    expect(addressOf('support@acme.example')).toBe('support@acme.example');
    expect(addressOf('nobody')).toBeUndefined();
  });
});
