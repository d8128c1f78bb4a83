/**
 * `npm run user -- add|list`: manage accounts in DATA_DIR while the server is stopped, or, with COUCHDB_URL set
 * (and the servers' other settings), in the CouchDB the servers use, while they run.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { UserRole } from '../../app/model/constants';
import { AccountError, checkNewAccount, createAccount, listUsers } from '../services/accounts';
import { ConfigError, loadConfig, withoutCredentials } from '../config';
import { openStorage, type Storage, type StorageLocation } from '../services/storage';
import { couchStartupProblem, isDataDirLocked } from '../services/storage-errors';
import { readPassword } from './read-password';

const USAGE = `Usage:
  npm run user -- add --role customer|agent --email EMAIL --name "FULL NAME"   (password asked for, or piped on stdin)
  npm run user -- list
Honors DATA_DIR (default ./data): run it while the server is stopped. With COUCHDB_URL (and the servers'
COUCHDB_DB_PREFIX, REDIS_URL and SESSION_SECRET) it works on their CouchDB, servers running or not.`;

class CliError extends Error {}

/** The servers' storage: their CouchDB when COUCHDB_URL is set (checked as start-up checks it), else DATA_DIR. */
function storageLocation(): StorageLocation {
  if (!process.env.COUCHDB_URL?.trim()) return { kind: 'leveldb', dataDir: path.resolve(process.env.DATA_DIR?.trim() || './data') };
  try {
    return loadConfig(process.env).storage;
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
}

async function withStorage<T>(task: (storage: Storage) => Promise<T>): Promise<T> {
  const location = storageLocation();
  let storage: Storage;
  try {
    storage = await openStorage(location);
  } catch (error) {
    if (isDataDirLocked(error)) throw new CliError('Stop the server first: the data directory is in use.');
    const couchProblem = location.kind === 'couchdb' && couchStartupProblem(error, withoutCredentials(location.url));
    if (couchProblem) throw new CliError(couchProblem);
    throw error;
  }
  try {
    return await task(storage);
  } finally {
    await storage.close();
  }
}

async function add(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { role: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' } },
    strict: true,
  });
  if (!values.role || !values.email || !values.name) throw new CliError(`add needs --role, --email and --name.\n${USAGE}`);
  const input = { role: values.role as UserRole, email: values.email, name: values.name, password: 'checked-later' };
  checkNewAccount(input);
  const password = await readPassword();
  const user = await withStorage((storage) => createAccount(storage, { ...input, password }));
  process.stdout.write(`Added ${user.role} ${user.name} <${user.email}> (id ${user.id}).\n`);
}

async function list(): Promise<void> {
  const users = await withStorage(listUsers);
  if (!users.length) {
    process.stdout.write('No users yet.\n');
    return;
  }
  for (const user of users) process.stdout.write(`${user.role.padEnd(9)} ${user.email.padEnd(32)} ${user.name}\n`);
}

/** Runs the command line; resolves to the exit code. */
export async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'add') await add(rest);
    else if (command === 'list') await list();
    else throw new CliError(command ? `Unknown command "${command}".\n${USAGE}` : USAGE);
    return 0;
  } catch (error) {
    if (error instanceof AccountError || error instanceof CliError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
      return 1;
    }
    if (error instanceof Error && error.message === 'The two passwords differ.') {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await run(process.argv.slice(2));
