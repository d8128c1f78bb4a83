/** An error that carries the HTTP status and the `{ error, reason }` body it should be answered with. */

/** Thrown (or passed to `next`) by routes; the error handler answers it as JSON. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    readonly error: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}
