/** The signed-in user kept in the express-session, typed for every route that reads it. */
import type { SessionUser } from '../app/model/user';
import 'express-session';

declare module 'express-session' {
  interface SessionData {
    user?: SessionUser;
  }
}

export type { SessionUser };
