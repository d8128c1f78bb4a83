/**
 * The device's one HTTP client for `/api` and `/db` once someone is signed in: every request carries the session
 * cookie, the network is reported, and a 401 is handled here only: the sign-in gate closes (the screens ask to
 * sign in again), and a request that must not be lost (replication's) waits for the next sign-in and goes again.
 * No RxDB and no Solid here.
 */
import { createSignInGate, type SignInGate } from './replication/sign-in-gate';

/** Where requests go (the platform's origin and fetch), and who is told what. */
export interface DeviceHttpOptions {
  origin: string;
  fetch: typeof fetch;
  /** Sign-ins on this device, which open the gate again. */
  onSignedIn(listener: () => void): () => void;
  /** Told whether the server answered (false: the network failed, or a gateway could not reach a server). */
  onReachable?(reachable: boolean): void;
  /** Told when the session ends (a 401) and when the user has signed in again. */
  onNeedsSignIn?(needsSignIn: boolean): void;
}

/** The client of one signed-in portal session. */
export interface DeviceHttp {
  /** `path` on the portal's origin (an absolute URL is kept as it is). */
  url(path: string): string;
  /** Sends once; a 401 closes the gate and is answered as it came. Rejects when the network fails. */
  send(path: string, init?: RequestInit): Promise<Response>;
  /** Sends, and after a 401 waits for the next sign-in and sends again, until the answer is not a 401. */
  sendHeld(path: string, init?: RequestInit): Promise<Response>;
  gate: SignInGate;
  /** Ends the gate (its waiters reject) and the reports: what is sent afterwards (the sign-out) is told nothing. */
  dispose(): void;
}

/** Creates the client; `dispose()` it when the portal session ends. */
export function createDeviceHttp(options: DeviceHttpOptions): DeviceHttp {
  const { origin, fetch: transport } = options;
  let disposed = false;
  const gate = createSignInGate(options.onSignedIn, (needsSignIn) => options.onNeedsSignIn?.(needsSignIn));
  const reportReachable = (reachable: boolean): void => {
    if (!disposed) options.onReachable?.(reachable);
  };
  const url = (path: string): string => (/^https?:\/\//.test(path) ? path : origin + path);

  const send = async (path: string, init: RequestInit = {}): Promise<Response> => {
    let response: Response;
    try {
      response = await transport(url(path), { ...init, credentials: 'include' });
    } catch (error) {
      if (!init.signal?.aborted) reportReachable(false);
      throw error;
    }
    // A gateway answering for a server it cannot reach is no server reached.
    reportReachable(response.status < 502 || response.status > 504);
    // The session ended: keep what was unsent and ask the user to sign in again.
    if (response.status === 401) gate.close();
    return response;
  };
  /** Resolves once the gate is open; rejects when `signal` aborts first (a stopped replication must not hang). */
  const opened = (signal: AbortSignal | null | undefined): Promise<void> => {
    if (!signal) return gate.whenOpen();
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      gate.whenOpen().then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  };
  const sendHeld = async (path: string, init: RequestInit = {}): Promise<Response> => {
    for (;;) {
      await opened(init.signal);
      const response = await send(path, init);
      if (response.status !== 401) return response;
    }
  };
  const dispose = (): void => {
    disposed = true;
    gate.dispose();
  };
  return { url, send, sendHeld, gate, dispose };
}
