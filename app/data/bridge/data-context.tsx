/** The data context: DataProvider opens the signed-in user's copy; useData() reaches it from route containers. */
import { createContext, createSignal, getOwner, onCleanup, runWithOwner, Show, useContext, type ParentComponent } from 'solid-js';
import type { SessionUser } from '../../model';
import { StorageError } from '../../components/storage-error';
import { openPortal, type PortalOptions, type PortalSession } from './portal-session';
import { storageTroubleOf } from '../core/writes/storage-trouble';
import type { AgentData } from '../agent/agent-types';
import type { PortalData } from './types';

const DataContext = createContext<PortalData>();

const UserData: ParentComponent<{ user: SessionUser; options?: PortalOptions | undefined }> = (props) => {
  const [data, setData] = createSignal<PortalData>();
  const [failure, setFailure] = createSignal<{ error: unknown }>();
  const owner = getOwner();
  let session: PortalSession | undefined;
  let disposed = false;
  openPortal(props.user, props.options)
    .then((opened) => {
      session = opened;
      if (disposed) return opened.close().catch(() => undefined);
      runWithOwner(owner, () => setData(opened.createData()));
    })
    .catch((error: unknown) => setFailure({ error }));
  onCleanup(() => {
    disposed = true;
    void session?.close().catch(() => undefined); // another tab may have removed the copy (sign-out)
  });
  return (
    <>
      <Show when={failure()}>
        {(failed) => <StorageError {...storageTroubleOf(failed().error)} />}
      </Show>
      <Show when={data()}>{(value) => <DataContext.Provider value={value()}>{props.children}</DataContext.Provider>}</Show>
    </>
  );
};

/**
 * Opens RxDB for `user` and starts replication (in the leader tab); children render once the copy is open.
 * A different user gets a fresh provider (and the previous user's copy is removed); the same user renamed does not.
 */
export const DataProvider: ParentComponent<{ user: SessionUser; options?: PortalOptions }> = (props) => (
  // Keyed on the id: a renamed user (Settings) keeps the open copy, whose user follows the name.
  <Show when={props.user?.id} keyed>
    {(_id) => <UserData user={props.user} options={props.options}>{props.children}</UserData>}
  </Show>
);

/** The signed-in user's data; throws outside DataProvider. */
export function useData(): PortalData {
  const data = useContext(DataContext);
  if (!data) throw new Error('useData() must be called inside <DataProvider>, in a route container.');
  return data;
}

/** The agent's side of the data; throws outside DataProvider or when the signed-in user is not an agent. */
export function useAgentData(): AgentData {
  const agent = useData().agent;
  if (!agent) throw new Error('useAgentData() is for agents; this user is a customer.');
  return agent;
}
