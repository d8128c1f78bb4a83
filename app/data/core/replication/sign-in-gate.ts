/**
 * Holds replication while the session is gone (a 401): requests wait here, nothing unsent is dropped, and
 * they go on once the user signs in again in this tab or another.
 */
/** The gate of one replication run. */
export interface SignInGate {
  needsSignIn(): boolean;
  /** Closes the gate after a 401. */
  close(): void;
  /** Resolves at once when open, else when the user signs in; rejects when the run is disposed. */
  whenOpen(): Promise<void>;
  dispose(): void;
}

/** A gate that opens at each sign-in `onSignedIn` hears of and calls `onChange` whenever it opens or closes. */
export function createSignInGate(
  onSignedIn: (listener: () => void) => () => void,
  onChange: (needsSignIn: boolean) => void,
): SignInGate {
  let closed = false;
  let disposed = false;
  let waiters: { resolve: () => void; reject: (e: Error) => void }[] = [];

  const open = () => {
    if (!closed) return;
    closed = false;
    onChange(false);
    const current = waiters;
    waiters = [];
    current.forEach((w) => w.resolve());
  };
  const stopListening = onSignedIn(open);

  return {
    needsSignIn: () => closed,
    close() {
      if (closed || disposed) return;
      closed = true;
      onChange(true);
    },
    whenOpen() {
      if (disposed) return Promise.reject(new Error('Replication has stopped.'));
      if (!closed) return Promise.resolve();
      return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
    },
    dispose() {
      disposed = true;
      stopListening();
      const current = waiters;
      waiters = [];
      current.forEach((w) => w.reject(new Error('Replication has stopped.')));
    },
  };
}
