/** An error that carries the HTTP status, the `{ error, reason }` body and any headers it should be answered with. */

/** Thrown (or passed to `next`) by routes; the error handler answers it as JSON, with `headers` (a Retry-After). */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    readonly error: string,
    readonly reason: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(reason);
  }
}
