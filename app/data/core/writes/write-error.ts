/** Turns a shared write rule's refusal (app/model, lower-case words) into the Error the screens show. */

/** Throws `Error(reason)`, capitalised, when there is a reason; returns when the write is allowed. */
export function throwIfRefused(reason: string | null): void {
  if (reason) throw new Error(reason.charAt(0).toUpperCase() + reason.slice(1));
}
