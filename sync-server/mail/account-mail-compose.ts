/** The mails of accounts by mail: "Reset your password for {portal}" and "You're invited to {portal}", plain text and simple HTML. */
import type Mail from 'nodemailer/lib/mailer';
import type { LinkPurpose } from '../services/account-links';

/** What a mail says: who it is for, the portal, the link and until when it works. */
export interface AccountMailContent {
  purpose: LinkPurpose;
  to: string;
  name: string;
  portalName: string;
  link: string;
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const WORDING: Readonly<Record<LinkPurpose, { subject: (portal: string) => string; intro: (portal: string) => string; action: string; valid: string; ignore: string }>> = {
  reset: {
    subject: (portal) => `Reset your password for ${portal}`,
    intro: (portal) => `Someone asked to reset the password of your ${portal} account.`,
    action: 'Choose a new password',
    valid: 'The link works once, for 1 hour.',
    ignore: 'If you did not ask for this, ignore this email: your password stays as it is.',
  },
  invitation: {
    subject: (portal) => `You're invited to ${portal}`,
    intro: (portal) => `You're invited to ${portal}, where you can follow your requests and answer them.`,
    action: 'Set your password',
    valid: 'The link works once, for 7 days.',
    ignore: 'If you were not expecting this, you can ignore this email.',
  },
};

/** The mail, From the support address. */
export function composeAccountMail(from: string, content: AccountMailContent): Mail.Options {
  const words = WORDING[content.purpose];
  const greeting = `Hello ${content.name},`;
  const intro = words.intro(content.portalName);
  const text = `${greeting}\n\n${intro}\n\n${words.action}:\n${content.link}\n\n${words.valid}\n${words.ignore}\n`;
  const paragraphs = [greeting, intro].map((line) => `<p>${escapeHtml(line)}</p>`).join('');
  const html =
    `<!doctype html><html><body style="font-family: sans-serif; line-height: 1.5">${paragraphs}` +
    `<p><a href="${escapeHtml(content.link)}">${escapeHtml(words.action)}</a></p>` +
    `<p>${escapeHtml(words.valid)} ${escapeHtml(words.ignore)}</p></body></html>`;
  return { from, to: content.to, subject: words.subject(content.portalName), text, html };
}
