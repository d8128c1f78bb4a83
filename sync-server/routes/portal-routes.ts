/**
 * Public branding: `/api/portal` (with the attachment limits the device tells users before sending, and whether
 * email replies leave as mail), the logo from the portal's own origin, and `/manifest.webmanifest`.
 */
import express from 'express';
import type { ServerConfig } from '../config';
import { shortName, type Branding } from '../services/branding';
import { HttpError } from '../middleware/http-error';

/** Where the logo is served. */
export const LOGO_PATH = '/api/portal/logo';

/** The web app manifest rendered from the branding, so a rebrand needs no rebuild. */
export function renderManifest(branding: Branding): Record<string, unknown> {
  return {
    name: branding.name,
    short_name: shortName(branding.name),
    description: `${branding.name}: your support requests, online and offline.`,
    theme_color: branding.primaryColor,
    background_color: '#ffffff',
    display: 'standalone',
    start_url: '/',
    scope: '/',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
}

/** The router mounted at the root for the branding paths. */
export function createPortalRouter(deps: {
  branding: Branding;
  config: Pick<ServerConfig, 'attachmentMaxBytes' | 'attachmentMaxFiles' | 'mail'>;
}): express.Router {
  const { branding, config } = deps;
  const router = express.Router();

  router.get('/api/portal', (_req, res) => {
    res.set('Cache-Control', 'no-cache');
    res.json({
      name: branding.name,
      primaryColor: branding.primaryColor,
      logoUrl: branding.logoFile ? LOGO_PATH : null,
      attachmentMaxBytes: config.attachmentMaxBytes,
      attachmentMaxFiles: config.attachmentMaxFiles,
      // Agents are told when email replies are only kept in Harbor (no SMTP_URL); nothing of the setup itself.
      mailOutbound: config.mail.outbound !== undefined,
    });
  });

  router.get(LOGO_PATH, (_req, res, next) => {
    if (!branding.logoFile || !branding.logoType) throw new HttpError(404, 'not_found', 'This portal has no logo.');
    res.set('Cache-Control', 'no-cache');
    res.type(branding.logoType);
    // An SVG logo must not run script when opened on its own.
    res.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    res.sendFile(branding.logoFile, (err) => {
      if (err) next(new HttpError(404, 'not_found', 'The logo file cannot be read.'));
    });
  });

  router.get('/manifest.webmanifest', (_req, res) => {
    res.set('Cache-Control', 'no-cache');
    res.type('application/manifest+json');
    res.send(JSON.stringify(renderManifest(branding)));
  });

  return router;
}
