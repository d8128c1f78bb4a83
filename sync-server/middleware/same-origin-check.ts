/** Refuses state-changing requests that a browser says come from another site, so no other site can act with the cookie. */
import type { Request, RequestHandler } from 'express';
import type { ServerConfig } from '../config';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** `same-site` is a sibling origin (another subdomain), still not the portal itself. */
const FOREIGN_FETCH_SITES = new Set(['cross-site', 'same-site']);

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** The origin the request was addressed to, as the browser saw it (Host header; the scheme from a trusted proxy). */
function ownOrigin(req: Request): string | undefined {
  const host = req.get('host');
  return host ? originOf(`${req.protocol}://${host}`) : undefined;
}

/** Middleware for `/api` and `/db`: 403 JSON when `Origin` or `Sec-Fetch-Site` shows another site on a write. */
export function sameOriginCheck(config: ServerConfig): RequestHandler {
  const allowed = new Set([originOf(config.publicUrl), ...config.devOrigins.map(originOf)].filter((o) => o !== undefined));
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = req.get('origin');
    const fetchSite = req.get('sec-fetch-site')?.toLowerCase();
    // Clients that send neither header are not browsers: no cookie was lent to them, the session alone decides.
    const foreignOrigin = origin !== undefined && !allowed.has(origin) && origin !== ownOrigin(req);
    const foreignSite = fetchSite !== undefined && FOREIGN_FETCH_SITES.has(fetchSite);
    if (!foreignOrigin && !foreignSite) return next();
    res.status(403).json({ error: 'forbidden', reason: 'Requests that change data must come from the portal itself.' });
  };
}
