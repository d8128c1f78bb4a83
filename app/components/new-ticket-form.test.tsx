/** New Support Request with plain props: errors at the field on blur and on submit, submitting valid values. */
import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { createStore } from 'solid-js/store';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_ATTACHMENT_LIMITS } from '../model/attachment';
import { NewTicketForm, type NewTicketValues } from './new-ticket-form';

function form(initial: Partial<NewTicketValues> = {}, result: string | null = null) {
  const [values, setValues] = createStore<NewTicketValues>({ subject: '', description: '', message: '', ...initial });
  const onSubmit = vi.fn(async () => result);
  const onCancel = vi.fn();
  render(() => (
    <NewTicketForm
      values={values} onChange={(f, v) => setValues(f, v)} onSubmit={onSubmit} onCancel={onCancel} backHref="/tickets"
      attachmentLimits={DEFAULT_ATTACHMENT_LIMITS}
    />
  ));
  return { onSubmit, onCancel };
}

describe('NewTicketForm', () => {
  afterEach(cleanup);
  // The chosen files' list is loaded on first use: load it before the tests, and give images an object URL.
  beforeAll(async () => {
    await import('./chosen-file-list');
    URL.createObjectURL = vi.fn(() => 'blob:test/0');
    URL.revokeObjectURL = vi.fn();
  });

  it('has the spec\'s title, fields and buttons', () => {
    form();
    expect(screen.getByRole('heading', { name: 'New Support Request' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Back/ })).toHaveAttribute('href', '/tickets');
    expect(screen.getByLabelText('Subject')).toBeRequired();
    expect(screen.getByLabelText(/Description/).tagName).toBe('TEXTAREA');
    expect(screen.getByLabelText('Message').tagName).toBe('TEXTAREA');
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Submit Request' })).toBeInTheDocument();
  });

  it('shows a field\'s error in words when the user leaves it, tied with aria-describedby', () => {
    form();
    const subject = screen.getByLabelText('Subject');
    fireEvent.input(subject, { target: { value: 'Hi' } });
    expect(subject).not.toHaveAttribute('aria-invalid');
    fireEvent.blur(subject);
    expect(subject).toHaveAttribute('aria-invalid', 'true');
    expect(subject).toHaveAccessibleDescription('The subject must be at least 3 characters.');
  });

  it('on submit shows every error, focuses the first and does not submit', async () => {
    const { onSubmit } = form({ message: 'too short' });
    fireEvent.click(screen.getByRole('button', { name: 'Submit Request' }));
    expect(await screen.findByText('Enter a subject.')).toBeInTheDocument();
    expect(screen.getByText('The message must be at least 10 characters.')).toBeInTheDocument();
    expect(screen.getByLabelText('Subject')).toHaveFocus();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('submits valid values and shows an error the caller returns', async () => {
    const { onSubmit } = form({ subject: 'Printer on fire', message: 'It started this morning.' }, 'Storage is full.');
    fireEvent.click(screen.getByRole('button', { name: 'Submit Request' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Storage is full.');
    expect(onSubmit).toHaveBeenCalledWith({ subject: 'Printer on fire', description: '', message: 'It started this morning.' }, []);
  });

  it('says a subject is too long while it is typed, before leaving the field (rough edge 10)', () => {
    form();
    const subject = screen.getByLabelText('Subject');
    fireEvent.input(subject, { target: { value: 'x'.repeat(200) } });
    expect(screen.queryByText('The subject can be at most 200 characters.')).not.toBeInTheDocument();
    fireEvent.input(subject, { target: { value: 'x'.repeat(201) } });
    expect(screen.getByText('The subject can be at most 200 characters.')).toBeInTheDocument();
    // A short subject is still only told once the field is left.
    fireEvent.input(subject, { target: { value: 'ab' } });
    expect(screen.queryByText(/The subject must be at least/)).not.toBeInTheDocument();
  });

  it('takes files by the button, tells the limits, and passes them with the request; they clear once it is made', async () => {
    const { onSubmit } = form({ subject: 'Printer on fire', message: 'It started this morning.' });
    expect(screen.getByRole('button', { name: 'Attach files' }))
      .toHaveAccessibleDescription('Up to 10 files, 25 MB each. You can also drop or paste files here.');
    const log = new File(['log'], 'printer.log', { type: 'text/plain' });
    fireEvent.change(screen.getByLabelText('Attach files'), { target: { files: [log] } });
    expect(await screen.findByText('printer.log')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Submit Request' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ subject: 'Printer on fire' }), [log]));
    await waitFor(() => expect(screen.queryByText('printer.log')).toBeNull());
  });

  it('takes a file dropped on the form and keeps it when the request cannot be made', async () => {
    const { onSubmit } = form({ subject: 'Printer on fire', message: 'It started this morning.' }, 'Storage is full.');
    const target = screen.getByRole('button', { name: 'Submit Request' }).closest('form')!;
    const empty = new File([], 'empty.txt', { type: 'text/plain' });
    const photo = new File(['jpg'], 'printer.jpg', { type: 'image/jpeg' });
    fireEvent.drop(target, { dataTransfer: { types: ['Files'], files: [empty, photo] } });
    expect(screen.getByText('“empty.txt” is empty: there is nothing to attach.')).toBeInTheDocument();
    expect(await screen.findByText('printer.jpg')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Submit Request' }));
    expect(await screen.findByText('Storage is full.')).toBeInTheDocument();
    expect(onSubmit).toHaveBeenCalledWith(expect.anything(), [photo]);
    expect(screen.getByText('printer.jpg')).toBeInTheDocument();
  });

  it('Cancel calls back', () => {
    const { onCancel } = form();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalled();
  });
});
