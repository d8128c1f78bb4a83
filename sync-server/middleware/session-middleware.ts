/** The express-session middleware: a signed, HttpOnly, SameSite=Lax cookie rolling over 30 days of use. */
import session from 'express-session';
import type { RequestHandler } from 'express';
import type { ServerConfig } from '../config';
import { PouchSessionStore } from '../services/session-store';
import type { Storage } from '../services/storage';

/** The session cookie's name. */
export const SESSION_COOKIE = 'harbor.sid';
/** Sessions end after 30 days without use. */
export const SESSION_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

/** Builds the session middleware over the `sessions` database. */
export function createSessionMiddleware(config: ServerConfig, storage: Storage): RequestHandler {
  return session({
    name: SESSION_COOKIE,
    secret: config.sessionSecret,
    store: new PouchSessionStore(storage.sessions),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    proxy: config.trustProxy,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.trustProxy,
      maxAge: SESSION_MAX_AGE_MS,
      path: '/',
    },
  });
}
