/** The files chosen in a composer and not sent yet: kept with the copy, read back after a restart, dropped ones deleted. */
import { afterEach, describe, expect, it } from 'vitest';
import { ada } from '../../../model/fixtures';
import { memoryFileStores, type FileStoreOpener } from './file-store';

/** Memory stores that tell which ids hold bytes now. */
function countingStores(): { opener: FileStoreOpener; held: Set<string> } {
  const memory = memoryFileStores();
  const held = new Set<string>();
  const opener: FileStoreOpener = (name) => {
    const store = memory(name);
    return {
      ...store,
      put: async (id, blob) => { await store.put(id, blob); held.add(id); },
      delete: async (ids) => { await store.delete(ids); ids.forEach((id) => held.delete(id)); },
    };
  };
  return { opener, held };
}
import { freshStorage, openTestPortal, type OpenedPortal } from '../../testing/portal-fixture';

let portal: OpenedPortal | undefined;
afterEach(async () => {
  await portal?.close();
  portal = undefined;
});

describe('draft files', () => {
  it('come back after a restart as the same files in order, and a dropped or sent file leaves the device', async () => {
    const storage = freshStorage();
    const { opener: files, held } = countingStores();
    portal = await openTestPortal(ada, { storage, files });
    const shot = new File(['png bytes'], 'shot.png', { type: 'image/png', lastModified: 1_000 });
    const log = new File(['line 1\n'], 'app.log', { type: 'text/plain', lastModified: 2_000 });
    await portal.session.device.draftFiles.keep('reply:t1', [shot, log]);
    await portal.session.device.draftFiles.keep('new-request:files', [log]);
    expect(held.size).toBe(3);
    await portal.close();

    portal = await openTestPortal(ada, { storage, files });
    const drafts = portal.session.device.draftFiles;
    const back = await drafts.read('reply:t1');
    expect(back.map((f) => [f.name, f.type, f.lastModified, f.size])).toEqual([['shot.png', 'image/png', 1_000, 9], ['app.log', 'text/plain', 2_000, 7]]);
    expect(await back[0]!.text()).toBe('png bytes');
    expect((await drafts.read('new-request:files')).map((f) => f.name)).toEqual(['app.log']);

    // Keeping a file read back stores nothing again; dropping one deletes its bytes.
    await drafts.keep('reply:t1', [back[1]!]);
    expect((await drafts.read('reply:t1')).map((f) => f.name)).toEqual(['app.log']);
    expect(held.size).toBe(2);
    await drafts.keep('reply:t1', []);
    expect(await drafts.read('reply:t1')).toEqual([]);
    expect(held.size).toBe(1);
  });
});
