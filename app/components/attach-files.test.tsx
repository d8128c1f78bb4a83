/** Choosing files in a composer with plain props: by the button's input, paste and drop; refusals in words; remove; sending. */
import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AttachmentLimits } from '../model/attachment';
import { ReplyComposer } from './reply-composer';

const LIMITS: AttachmentLimits = { maxBytes: 1024 * 1024, maxFiles: 10 };
const file = (name: string, type = 'application/pdf', size = 2048) => new File([new Uint8Array(size)], name, { type });

// The chosen files' list is loaded on first use; load it before the first test so that no test waits for the transform.
beforeAll(() => import('./chosen-file-list'));

let urls: string[];
beforeEach(() => {
  urls = [];
  URL.createObjectURL = vi.fn(() => { const url = `blob:test/${urls.length}`; urls.push(url); return url; });
  URL.revokeObjectURL = vi.fn();
});
afterEach(cleanup);

function composer(result: string | null = null, limits: AttachmentLimits | undefined = LIMITS, value = 'Here is the log.') {
  const onSend = vi.fn(async (_body: string, _files: readonly File[]) => result);
  render(() => (
    <ReplyComposer value={value} onInput={() => {}} onSend={onSend} channelLabel="Portal" attachmentLimits={limits} />
  ));
  const form = screen.getByRole('button', { name: 'Send' }).closest('form')!;
  const input = screen.getByLabelText('Attach files') as HTMLInputElement;
  return { onSend, form, input };
}

const list = () => screen.findByRole('list', { name: 'Files to send' });

describe('AttachFiles in a composer', () => {
  it('tells the limits in words next to a real, labelled button that opens the file input', async () => {
    const { input } = composer();
    const button = screen.getByRole('button', { name: 'Attach files' });
    expect(button).toHaveAccessibleDescription('Up to 10 files, 1 MB each. You can also drop or paste files here.');
    expect(input).toHaveAttribute('type', 'file');
    expect(input).toHaveAttribute('multiple');
    expect(input).toHaveAttribute('tabindex', '-1');
    const opened = vi.fn();
    input.addEventListener('click', opened);
    fireEvent.click(button);
    expect(opened).toHaveBeenCalled();
  });

  it('lists files chosen by the input with their sanitised name and size, a thumbnail only for images', async () => {
    const { input } = composer();
    await userEvent.setup().upload(input, [file('report.pdf'), file('shot.png', 'image/png', 512), file('logo.svg', 'image/svg+xml')]);
    const rows = within(await list()).getAllByRole('listitem');
    expect(rows.map((r) => [r.querySelector('.chosen-file-name')!.textContent, r.querySelector('.chosen-file-size')!.textContent]))
      .toEqual([['report.pdf', '2 KB'], ['shot.png', '512 bytes'], ['logo.svg', '2 KB']]);
    expect(within(rows[0]!).getByRole('button', { name: 'Remove report.pdf' })).toBeInTheDocument();
    expect(rows[0]!.querySelector('img')).toBeNull();
    expect(rows[1]!.querySelector('img')).toHaveAttribute('src', 'blob:test/0');
    expect(rows[2]!.querySelector('img')).toBeNull();
    expect(URL.createObjectURL).toHaveBeenCalledTimes(1);
  });

  it('shows a name as it will be kept', async () => {
    const { input } = composer();
    await userEvent.setup().upload(input, [file('a<b>:c.txt', 'text/plain')]);
    expect(within(await list()).getByText('a_b__c.txt')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Remove a_b__c.txt' })).toBeInTheDocument();
  });

  it('takes a pasted screenshot, and lets pasted text paste as text', async () => {
    const { form } = composer();
    const textarea = within(form).getByRole('textbox');
    const text = fireEvent.paste(textarea, { clipboardData: { files: [], types: ['text/plain'], getData: () => 'hello' } });
    expect(text).toBe(true);
    const shot = fireEvent.paste(textarea, {
      clipboardData: { files: [file('image.png', 'image/png')], types: ['Files'], getData: () => '' },
    });
    expect(shot).toBe(false);
    expect(within(await list()).getByText('image.png')).toBeInTheDocument();
    expect(within(await list()).getAllByRole('listitem')).toHaveLength(1);
  });

  it('highlights the composer while files are dragged over it and takes the dropped ones', async () => {
    const { form } = composer();
    const dataTransfer = { types: ['Files'], files: [file('invoice.pdf')] };
    expect(fireEvent.dragEnter(form, { dataTransfer })).toBe(false);
    expect(form).toHaveClass('drop-over');
    fireEvent.dragLeave(form, { dataTransfer, relatedTarget: document.body });
    expect(form).not.toHaveClass('drop-over');
    fireEvent.dragOver(form, { dataTransfer });
    expect(fireEvent.drop(form, { dataTransfer })).toBe(false);
    expect(form).not.toHaveClass('drop-over');
    expect(within(await list()).getByText('invoice.pdf')).toBeInTheDocument();
  });

  it('leaves text dragged about the page alone', () => {
    const { form } = composer();
    expect(fireEvent.dragOver(form, { dataTransfer: { types: ['text/plain'], files: [] } })).toBe(true);
    expect(form).not.toHaveClass('drop-over');
  });

  it('refuses an oversized file at once, in words, and keeps the others', async () => {
    const { input } = composer();
    const user = userEvent.setup();
    await user.upload(input, [file('notes.txt', 'text/plain')]);
    await user.upload(input, [file('video.mp4', 'video/mp4', 2 * 1024 * 1024), file('log.txt', 'text/plain')]);
    const refusal = screen.getByText('“video.mp4” is 2 MB: a file can be at most 1 MB.');
    expect(refusal.closest('[aria-live]')).toHaveAttribute('aria-live', 'polite');
    const rows = within(await list()).getAllByRole('listitem');
    expect(rows.map((r) => r.querySelector('.chosen-file-name')!.textContent)).toEqual(['notes.txt', 'log.txt']);
  });

  it('refuses an 11th file in words', async () => {
    const { form } = composer();
    const ten = Array.from({ length: 10 }, (_, i) => file(`page-${i + 1}.pdf`));
    fireEvent.drop(form, { dataTransfer: { types: ['Files'], files: ten } });
    fireEvent.drop(form, { dataTransfer: { types: ['Files'], files: [file('page-11.pdf')] } });
    expect(screen.getByText('“page-11.pdf” was not added: a message can carry at most 10 files.')).toBeInTheDocument();
    expect(within(await list()).getAllByRole('listitem')).toHaveLength(10);
  });

  it('removes a file, revoking its thumbnail and giving the focus back to Attach files', async () => {
    const { input } = composer();
    await userEvent.setup().upload(input, [file('shot.png', 'image/png'), file('report.pdf')]);
    fireEvent.click(await screen.findByRole('button', { name: 'Remove shot.png' }));
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:test/0');
    expect(within(await list()).getAllByRole('listitem')).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Attach files' })).toHaveFocus();
  });

  it('sends the chosen files with the text and clears them once written', async () => {
    const { input, onSend } = composer();
    const chosen = [file('report.pdf'), file('shot.png', 'image/png')];
    await userEvent.setup().upload(input, chosen);
    await list();
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(onSend).toHaveBeenCalledWith('Here is the log.', chosen));
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Files to send' })).toBeNull());
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:test/0');
  });

  it('sends files alone, with no words, but not an empty reply', async () => {
    const { input, onSend } = composer(null, LIMITS, '');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Write a reply first.');
    const shot = file('shot.png', 'image/png');
    await userEvent.setup().upload(input, [shot]);
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(onSend).toHaveBeenCalledWith('', [shot]));
  });

  it('keeps the chosen files when sending fails', async () => {
    const { input, onSend } = composer('The device is out of space.');
    await userEvent.setup().upload(input, [file('report.pdf')]);
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The device is out of space.');
    expect(onSend).toHaveBeenCalledTimes(1);
    expect(within(await list()).getByText('report.pdf')).toBeInTheDocument();
  });

  it('takes no files without limits (a reply that carries text only)', async () => {
    const onSend = vi.fn(async () => null);
    render(() => <ReplyComposer value="Hello there" onInput={() => {}} onSend={onSend} channelLabel="Chat" />);
    expect(screen.queryByRole('button', { name: 'Attach files' })).toBeNull();
    const form = screen.getByRole('button', { name: 'Send' }).closest('form')!;
    expect(fireEvent.drop(form, { dataTransfer: { types: ['Files'], files: [file('a.pdf')] } })).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(onSend).toHaveBeenCalledWith('Hello there', []));
  });
});
