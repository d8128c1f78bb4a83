/** A push settles a write only while the device's document still equals what was sent. */
import { afterEach, describe, expect, it } from 'vitest';
import { ada } from '../../../model/fixtures';
import { openTestPortal, type OpenedPortal } from '../../testing/portal-fixture';
import { stillCurrent } from './still-current';

let portal: OpenedPortal;
afterEach(async () => portal?.close());

describe('stillCurrent', () => {
  it('drops a ticket edited again after its push was sent', async () => {
    portal = await openTestPortal(ada);
    const id = await portal.data.createTicket({ subject: 'Printer jams', description: '', message: 'It jams on every page.' });
    const { id: _id, ...fields } = (await portal.session.db.tickets.findOne(id).exec())!.toJSON();
    const sent = [{ ...fields, _id: id, _deleted: false }, { _id: 'not-on-this-device', subject: 'x' }];
    expect(await stillCurrent(portal.session.db, 'tickets', sent)).toEqual(new Set([id, 'not-on-this-device']));
    await portal.data.markResolved(id);
    expect(await stillCurrent(portal.session.db, 'tickets', sent)).toEqual(new Set(['not-on-this-device']));
  });

  it('takes a message naming files as sent when its files are the same as sent, not the same array', async () => {
    portal = await openTestPortal(ada);
    const id = await portal.data.createTicket({
      subject: 'Crash', description: '', message: 'See the log attached.', files: [new File(['boom'], 'app.log', { type: 'text/plain' })],
    });
    const { id: _id, ...fields } = (await portal.session.db.messages.findOne(id).exec())!.toJSON();
    const sent = [JSON.parse(JSON.stringify({ ...fields, _id: id })) as Record<string, unknown>];
    expect(await stillCurrent(portal.session.db, 'messages', sent)).toEqual(new Set([id]));
    const renamed = [{ ...sent[0], attachments: [{ ...(fields.attachments![0]!), name: 'other.log' }] }];
    expect(await stillCurrent(portal.session.db, 'messages', renamed)).toEqual(new Set());
  });
});
