/**
 * The built PWA (`dist/`) at `/`: hashed assets cached for a year, the HTML, service worker and manifest never
 * cached, and an SPA fallback to index.html for the app's routes. Without a build, `/` says how to make one.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Response } from 'express';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const NO_CACHE = 'no-cache';
const NEVER_CACHED = /^(?:index\.html|sw\.js|workbox-[^/]*\.js|registerSW\.js|manifest\.webmanifest)$/;

/** The Cache-Control header for a file under dist, by its path relative to dist (with forward slashes). */
export function cacheControlFor(relativePath: string): string {
  if (relativePath.startsWith('assets/') && !NEVER_CACHED.test(path.posix.basename(relativePath))) return IMMUTABLE;
  return NO_CACHE;
}

function isAppRoute(reqPath: string): boolean {
  return !/^\/(?:api|db)(?:\/|$)/.test(reqPath);
}

/** The router mounted last before the 404, serving `distDir`. */
export function createStaticRouter(deps: { distDir: string }): express.Router {
  const distDir = path.resolve(deps.distDir);
  const indexFile = path.join(distDir, 'index.html');
  const router = express.Router();

  const sendIndex = (res: Response) => {
    res.set('Cache-Control', NO_CACHE);
    res.sendFile(indexFile);
  };

  router.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !isAppRoute(req.path)) return next();
    if (existsSync(indexFile)) return next();
    if (req.path !== '/' && !req.accepts('html')) return next();
    res.status(503).json({
      error: 'not_built',
      reason: 'The app has not been built: run `npm run build` (or `npm start`, which builds it).',
    });
  });

  router.use(
    express.static(distDir, {
      index: false,
      redirect: false,
      setHeaders: (res, file) => {
        res.setHeader('Cache-Control', cacheControlFor(path.relative(distDir, file).split(path.sep).join('/')));
      },
    }),
  );

  router.get(/.*/, (req, res, next) => {
    if (!isAppRoute(req.path) || path.posix.extname(req.path) || !req.accepts('html')) return next();
    sendIndex(res);
  });

  return router;
}
