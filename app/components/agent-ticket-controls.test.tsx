/** The ticket controls with plain props: a change the device could not save is said under them and undone on screen. */
import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AgentTicketControls } from './agent-ticket-controls';

const FULL = 'This device is out of storage space, so the status was not changed.';

describe('AgentTicketControls', () => {
  afterEach(cleanup);

  it('shows why a change failed, puts the select back to the stored value, and clears the line on the next change', async () => {
    const onStatusChange = vi.fn(async (status: string) => (status === 'pending' ? FULL : null));
    render(() => (
      <AgentTicketControls
        status="open" priority="high" assigneeId={null} agents={[]}
        onStatusChange={onStatusChange} onPriorityChange={vi.fn()} onAssigneeChange={vi.fn()}
      />
    ));
    const status = screen.getByLabelText('Status');
    fireEvent.change(status, { target: { value: 'pending' } });
    expect(await screen.findByRole('alert')).toHaveTextContent(FULL);
    expect(status).toHaveValue('open');
    expect(status).toHaveAccessibleDescription(FULL);

    fireEvent.change(status, { target: { value: 'resolved' } });
    expect(onStatusChange).toHaveBeenLastCalledWith('resolved');
    await vi.waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });
});
