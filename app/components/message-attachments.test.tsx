/** A message's files in the thread with plain props: thumbnails that open full size, rows that download, loading and failure. */
import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MessageAttachment } from '../model/message.schema';
import type { AttachmentBlob, MessageItem } from './message-item';
import { MessageList } from './message-list';

const SHA = 'a'.repeat(64);
const png: MessageAttachment = { id: 'att-png', name: 'screenshot.png', type: 'image/png', size: 48_000, sha256: SHA };
const pdf: MessageAttachment = { id: 'att-pdf', name: 'invoice.pdf', type: 'application/pdf', size: 2_400_000, sha256: SHA };
const svg: MessageAttachment = { id: 'att-svg', name: 'diagram.svg', type: 'image/svg+xml', size: 900, sha256: SHA };

const message = (over: Partial<MessageItem> = {}): MessageItem => ({
  id: 'm1', channel: 'portal', authorRole: 'customer', authorId: 'u1', authorName: 'Ann Customer', body: 'See attached.',
  createdAt: Date.UTC(2026, 10, 20, 9), delivery: { state: 'sent' }, attachments: [png, pdf, svg], ...over,
});

/** A promise the test settles. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

function thread(attachmentBlob: AttachmentBlob, messages = [message()], channel: 'portal' | 'chat' = 'portal') {
  render(() => (
    <MessageList
      messages={messages} channel={channel} userId="u1" emptyText="None" attachmentBlob={attachmentBlob}
      onRetry={vi.fn()} onDiscard={vi.fn()}
    />
  ));
}

// The list is loaded on first use; load it before the first test so that no test waits for the transform.
beforeAll(() => import('./message-attachments'));

let made: Blob[];
beforeEach(() => {
  made = [];
  URL.createObjectURL = vi.fn((blob: Blob) => { made.push(blob); return `blob:test/${made.length - 1}`; });
  URL.revokeObjectURL = vi.fn();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('MessageAttachments', () => {
  it('shows an image as a thumbnail with its name as alt text, other files (SVG too) as rows with name and size', async () => {
    const blob = vi.fn(async (file: MessageAttachment) => new Blob(['bytes of ' + file.id], { type: file.type }));
    thread(blob);
    const images = await screen.findByRole('list', { name: 'Attached images' });
    const thumb = await within(images).findByRole('img', { name: 'screenshot.png' });
    expect(thumb).toHaveAttribute('src', 'blob:test/0');
    const files = screen.getByRole('list', { name: 'Attached files' });
    const rows = within(files).getAllByRole('button');
    expect(rows[0]).toHaveAccessibleName('Download invoice.pdf (2.3 MB)');
    expect(rows[0]).toHaveTextContent('invoice.pdf2.3 MB');
    expect(rows[1]).toHaveAccessibleName('Download diagram.svg (900 bytes)');
    expect(files.querySelector('img')).toBeNull();
    // Only the image's bytes are fetched to show it; the files wait for a click.
    expect(blob).toHaveBeenCalledTimes(1);
    expect(blob).toHaveBeenCalledWith(png);
  });

  it('says Loading… while the bytes come, then shows the sentence of a rejection with a Retry that tries again', async () => {
    const first = deferred<Blob>();
    const second = deferred<Blob>();
    const blob = vi.fn().mockReturnValueOnce(first.promise).mockReturnValueOnce(second.promise);
    thread(blob, [message({ attachments: [png] })]);
    expect(await screen.findByRole('status')).toHaveTextContent('Loading…');
    first.reject(new Error('This file is not on this device yet, and there is no network to fetch it.'));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('screenshot.png: This file is not on this device yet, and there is no network to fetch it.');
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Loading…');
    second.resolve(new Blob(['png']));
    expect(await screen.findByRole('img', { name: 'screenshot.png' })).toBeInTheDocument();
    expect(blob).toHaveBeenCalledTimes(2);
  });

  it('opens an image full size in a dialog that Escape closes, giving the focus back to the thumbnail', async () => {
    thread(async () => new Blob(['png']), [message({ attachments: [png] })]);
    const open = await screen.findByRole('button', { name: 'Open screenshot.png full size' });
    fireEvent.click(open);
    const dialog = await screen.findByRole('dialog', { name: 'screenshot.png' });
    expect(within(dialog).getByRole('img', { name: 'screenshot.png' })).toHaveAttribute('src', 'blob:test/0');
    fireEvent.keyDown(document.activeElement ?? dialog, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(open).toHaveFocus());
    expect(window.location.href).not.toMatch(/^blob:/);
  });

  it('revokes a thumbnail\'s object URL when the message goes away', async () => {
    thread(async () => new Blob(['png']), [message({ attachments: [png] })]);
    await screen.findByRole('img', { name: 'screenshot.png' });
    expect(URL.revokeObjectURL).not.toHaveBeenCalled();
    cleanup();
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:test/0');
  });

  it('downloads a file through a temporary <a download>, never by navigating to it', async () => {
    const before = window.location.href;
    const clicked: { href: string; download: string; attached: boolean }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download, attached: document.body.contains(this) });
    });
    const bytes = new Blob(['%PDF-1.7'], { type: 'application/pdf' });
    const blob = vi.fn(async (file: MessageAttachment) => (file.id === pdf.id ? bytes : new Blob(['png'])));
    thread(blob);
    fireEvent.click(await screen.findByRole('button', { name: /Download invoice\.pdf/ }));
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(blob).toHaveBeenCalledWith(pdf);
    const saved = made.at(-1)!;
    expect(clicked[0]).toEqual({ href: `blob:test/${made.length - 1}`, download: 'invoice.pdf', attached: true });
    expect(saved.type).toBe('application/octet-stream');
    expect(await saved.text()).toBe('%PDF-1.7');
    expect(document.querySelector('a[download]')).toBeNull();
    expect(window.location.href).toBe(before);
  });

  it('says why a download failed, inline, with a Retry', async () => {
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const blob = vi.fn()
      .mockRejectedValueOnce(new Error('This file is no longer on the server.'))
      .mockResolvedValueOnce(new Blob(['%PDF']));
    thread(blob, [message({ attachments: [pdf] })]);
    fireEvent.click(await screen.findByRole('button', { name: /Download invoice\.pdf/ }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('invoice.pdf: This file is no longer on the server.');
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(HTMLAnchorElement.prototype.click).toHaveBeenCalledTimes(1);
  });

  it('says how many files a collapsed card has and fetches nothing until it is expanded', async () => {
    const blob = vi.fn(async () => new Blob(['png']));
    const older = (id: string) => message({ id, attachments: [png, pdf] });
    thread(blob, [older('m1'), message({ id: 'm2', attachments: [] }), message({ id: 'm3', attachments: undefined }), message({ id: 'm4', attachments: undefined })]);
    expect(screen.getByText('2 files attached')).toBeInTheDocument();
    expect(blob).not.toHaveBeenCalled();
    fireEvent.click(screen.getAllByRole('button', { name: /Expand message/ })[0]!);
    expect(await screen.findByRole('img', { name: 'screenshot.png' })).toBeInTheDocument();
    expect(blob).toHaveBeenCalledTimes(1);
  });

  it('lists a chat bubble\'s files too', async () => {
    thread(async () => new Blob(['png']), [message({ channel: 'chat' })], 'chat');
    const bubble = document.querySelector('.bubble')!;
    expect(await within(bubble as HTMLElement).findByRole('img', { name: 'screenshot.png' })).toBeInTheDocument();
    expect(within(bubble as HTMLElement).getByRole('button', { name: /Download invoice\.pdf/ })).toBeInTheDocument();
  });
});
