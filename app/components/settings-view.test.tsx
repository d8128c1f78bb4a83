/** The Settings screen with plain props: the name's rule, a wrong current password kept at its field, offline reasons, the switch. */
import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { afterEach, expect, it, vi } from 'vitest';
import { SettingsView, type SettingsViewProps } from './settings-view';

afterEach(cleanup);

function renderView(overrides: Partial<SettingsViewProps> = {}) {
  const props: SettingsViewProps = {
    name: 'Ada Lovelace', email: 'ada@example.com', online: true, showNotifications: true, emailOnAgentReply: true,
    onSaveName: vi.fn(async () => null), onChangePassword: vi.fn(async () => null), onNotificationChange: vi.fn(async () => null),
    onSignOutEverywhere: vi.fn(), signOutEverywhereError: null,
    ...overrides,
  };
  render(() => <SettingsView {...props} />);
  return props;
}

const type = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });

it('shows the email as text, not a field, and saves a trimmed name by the shared rule', async () => {
  const props = renderView();
  expect(screen.getByRole('heading', { level: 1, name: 'Settings' })).toBeInTheDocument();
  expect(screen.getByText('ada@example.com').tagName).toBe('P');
  expect(screen.queryByRole('textbox', { name: 'Email' })).toBeNull();
  type('Name', '   ');
  fireEvent.click(screen.getByRole('button', { name: 'Save name' }));
  expect(await screen.findByText('Enter your name.')).toBeInTheDocument();
  expect(props.onSaveName).not.toHaveBeenCalled();
  type('Name', '  Ada King ');
  fireEvent.click(screen.getByRole('button', { name: 'Save name' }));
  await waitFor(() => expect(props.onSaveName).toHaveBeenCalledWith('Ada King'));
  expect(await screen.findByText('Your name is saved.')).toBeInTheDocument();
});

it('says a wrong current password at its field and keeps every field as typed', async () => {
  renderView({ onChangePassword: vi.fn(async () => ({ field: 'currentPassword' as const, message: 'The current password is not right.' })) });
  type('Current password', 'not-it');
  type('New password', 'a-new-secret');
  type('Confirm new password', 'a-new-secret');
  fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
  const current = screen.getByLabelText('Current password');
  await waitFor(() => expect(current).toHaveAttribute('aria-invalid', 'true'));
  expect(current).toHaveAccessibleDescription(expect.stringContaining('The current password is not right.'));
  expect(current).toHaveValue('not-it');
  expect(screen.getByLabelText('New password')).toHaveValue('a-new-secret');
  expect(screen.getByLabelText('Confirm new password')).toHaveValue('a-new-secret');
});

it('offline: shows what the device knows, and every change is disabled with the reason beside it', () => {
  renderView({ online: false });
  expect(screen.getByText(/You're offline/)).toBeInTheDocument();
  expect(screen.getByLabelText('Name')).toHaveValue('Ada Lovelace');
  for (const name of ['Save name', 'Change password', 'Sign out of every device']) expect(screen.getByRole('button', { name })).toBeDisabled();
  expect(screen.getByRole('switch', { name: 'Email me when an agent replies' })).toBeDisabled();
  expect(screen.getAllByText('Needs a connection to the server.')).toHaveLength(4);
});

it('flips the notification switch and hides it when the portal sends no mail', async () => {
  const props = renderView();
  const toggle = screen.getByRole('switch', { name: 'Email me when an agent replies' });
  expect(toggle).toBeChecked();
  fireEvent.click(toggle);
  await waitFor(() => expect(props.onNotificationChange).toHaveBeenCalledWith(false));
  cleanup();
  renderView({ showNotifications: false });
  expect(screen.queryByRole('switch')).toBeNull();
});
