/** An SMTP answer other than 250, as smtp-server sends it (`responseCode` and the message as its text). */

/** Refuses a command or a message with `code` (4xx: try again later; 5xx: never) and a plain reason. */
export class SmtpRefusal extends Error {
  override name = 'SmtpRefusal';
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** A permanent refusal (550): the sender gets a bounce with `reason`. */
export const refuse = (reason: string): SmtpRefusal => new SmtpRefusal(550, reason);

/** A temporary refusal (451): the sending MTA keeps the mail and tries again later. */
export const deferred = (reason: string): SmtpRefusal => new SmtpRefusal(451, reason);
