/** The server's one structured logger: one JSON line per event, info to stdout, warnings and errors to stderr. */

/** Extra fields attached to a log line. */
export type LogFields = Record<string, unknown>;

/** What every module logs through. */
export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

function line(level: string, message: string, fields: LogFields | undefined): string {
  const extra = fields ? normalise(fields) : {};
  return JSON.stringify({ time: new Date().toISOString(), level, message, ...extra }) + '\n';
}

/** Errors do not serialise with JSON.stringify; keep their name and message (never the stack in responses). */
function normalise(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;
  }
  return out;
}

/** Creates the logger; `silent` drops every line (tests). */
export function createLogger(options: { silent?: boolean } = {}): Logger {
  if (options.silent) return { info() {}, warn() {}, error() {} };
  return {
    info: (message, fields) => void process.stdout.write(line('info', message, fields)),
    warn: (message, fields) => void process.stderr.write(line('warn', message, fields)),
    error: (message, fields) => void process.stderr.write(line('error', message, fields)),
  };
}
