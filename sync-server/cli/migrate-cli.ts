/** `npm run migrate -- --from ./data --to "$COUCHDB_URL"`: moves a stopped embedded portal into CouchDB, and says how far. */
import { statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, DEFAULT_COUCH_PREFIX, parseCouchPrefix, parseCouchUrl, withoutCredentials } from '../config';
import { migrateStorage, type DatabaseProgress, type MigrationReport } from '../services/migrate';
import { readSessionSecret } from '../services/secrets';
import { isEmbeddedDataDir, openStorage, type Storage } from '../services/storage';
import { StorageError } from '../services/storage-engine';
import { couchStartupProblem, isDataDirLocked } from '../services/storage-errors';

const USAGE = `Usage: npm run migrate -- [--from DIR] [--to URL] [--prefix PREFIX]
Copies a stopped embedded portal into CouchDB: users, sessions, tickets and messages with every revision, and the
ticket counter; then prints the SESSION_SECRET every server must use. Run again, it copies only what is missing.
  --from DIR       the embedded data directory (default: DATA_DIR, or ./data)
  --to URL         the CouchDB server, such as http://admin:secret@couch-1:5984 (default: COUCHDB_URL)
  --prefix PREFIX  the databases' name prefix (default: COUCHDB_DB_PREFIX, or ${DEFAULT_COUCH_PREFIX})
  --help           this text`;

const AGAIN = 'what was copied stays; run the same command again to finish';

class CliError extends Error {}

type Env = Record<string, string | undefined>;

const envValue = (env: Env, name: string): string | undefined => env[name]?.trim() || undefined;

interface Plan {
  from: string;
  to: string;
  prefix: string;
}

/** The flags, with their defaults from the environment, checked before anything is opened. */
function readPlan(argv: string[], env: Env): Plan | 'help' {
  let values: { from?: string; to?: string; prefix?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { from: { type: 'string' }, to: { type: 'string' }, prefix: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    // Node's own message goes on about positionals; its first sentence says what is wrong.
    throw new CliError(`${(error as Error).message.split('. ')[0]!.replace(/\.$/, '')}; see --help.`);
  }
  if (values.help) return 'help';
  const from = path.resolve(values.from ?? envValue(env, 'DATA_DIR') ?? './data');
  if (!statSync(from, { throwIfNoEntry: false })?.isDirectory()) throw new CliError(`--from ${from}: no such directory.`);
  if (!isEmbeddedDataDir(from)) {
    throw new CliError(`--from ${from} is not an embedded Harbor data directory (it lacks the users, sessions, tickets, messages or scopeIndex database).`);
  }
  // A bad value is named where it came from: the flag, or the variable it defaults to.
  const [toName, to] = values.to !== undefined ? ['--to', values.to] : ['COUCHDB_URL', envValue(env, 'COUCHDB_URL')];
  const [prefixName, prefix] =
    values.prefix !== undefined ? ['--prefix', values.prefix] : ['COUCHDB_DB_PREFIX', envValue(env, 'COUCHDB_DB_PREFIX') ?? DEFAULT_COUCH_PREFIX];
  if (to === undefined) throw new CliError('--to is required (or COUCHDB_URL): the CouchDB server to copy into, such as http://admin:secret@couch-1:5984.');
  return {
    from,
    to: parseCouchUrl(to, toName, toName === '--to' ? '--prefix' : 'COUCHDB_DB_PREFIX'),
    prefix: parseCouchPrefix(prefix, prefixName),
  };
}

async function openBoth(plan: Plan): Promise<{ source: Storage; target: Storage }> {
  let source: Storage;
  try {
    source = await openStorage({ kind: 'leveldb', dataDir: plan.from });
  } catch (error) {
    if (isDataDirLocked(error)) throw new CliError(`${plan.from} is in use: stop the embedded server first.`);
    throw error;
  }
  try {
    return { source, target: await openStorage({ kind: 'couchdb', url: plan.to, prefix: plan.prefix }) };
  } catch (error) {
    await source.close();
    const problem = couchStartupProblem(error, withoutCredentials(plan.to), '--to');
    if (problem) throw new CliError(problem);
    throw error;
  }
}

const say = (line: string): void => void process.stdout.write(`${line}\n`);

function databaseLine({ database, copied, alreadyThere, revisions }: DatabaseProgress): string {
  return `${database.padEnd(11)} ${copied} copied (${revisions} leaf revisions), ${alreadyThere} already there`;
}

function counterLine({ counter }: MigrationReport): string {
  if (counter.source === undefined) return 'ticket counter: none in the source (numbers go on above the highest ticket)';
  if (counter.raised) return `ticket counter: raised to ${counter.target}`;
  return counter.target === counter.source
    ? `ticket counter: already at ${counter.target}`
    : `ticket counter: kept at ${counter.target} (the source's ${counter.source} is lower)`;
}

function report(result: MigrationReport, plan: Plan): void {
  say(counterLine(result));
  say(`demo marker: ${result.demoMarker}`);
  const copied = result.databases.reduce((sum, each) => sum + each.copied, 0);
  const there = result.databases.reduce((sum, each) => sum + each.alreadyThere, 0);
  say(`Done: ${copied} documents copied, ${there} already there.`);
  const secret = readSessionSecret(plan.from);
  if (secret === undefined) {
    say(`No session secret is kept in ${plan.from} (the embedded server was given SESSION_SECRET): set that same SESSION_SECRET on every server, or signed-in devices must sign in again.`);
    return;
  }
  say(`SESSION_SECRET=${secret}`);
  say('Set SESSION_SECRET to this on every server over this CouchDB, so that devices signed in to the embedded server stay signed in.');
}

/** Runs the command line; resolves to the exit code. */
export async function run(argv: string[], env: Env): Promise<number> {
  try {
    const plan = readPlan(argv, env);
    if (plan === 'help') {
      say(USAGE);
      return 0;
    }
    const { source, target } = await openBoth(plan);
    try {
      say(`Copying ${plan.from} into ${withoutCredentials(plan.to)} (databases ${plan.prefix}*)`);
      const result = await migrateStorage(source, target, { onProgress: (progress, done) => done && say(databaseLine(progress)) });
      report(result, plan);
    } finally {
      await Promise.all([source.close(), target.close()]);
    }
    return 0;
  } catch (error) {
    if (error instanceof CliError || error instanceof ConfigError) {
      process.stderr.write(`migrate: ${error.message}\n`);
      return 1;
    }
    if (error instanceof StorageError) {
      process.stderr.write(`migrate: stopped: ${error.message}; ${AGAIN}.\n`);
      return 1;
    }
    throw error;
  }
}

// Every write is a whole revision that the next run skips, so Ctrl-C may stop anywhere.
process.once('SIGINT', () => {
  process.stderr.write(`\nmigrate: interrupted; ${AGAIN}.\n`);
  process.exit(130);
});
process.exitCode = await run(process.argv.slice(2), process.env);
