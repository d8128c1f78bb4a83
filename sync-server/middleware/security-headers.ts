/** Security headers (helmet) with a Content-Security-Policy that allows no inline script and only the portal's own origin. */
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { ServerConfig } from '../config';

/** The policy's directives; exported so tests read what is sent. */
export function cspDirectives(config: ServerConfig): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    // Solid and Kobalte set style attributes at run time (positions of popovers, the brand colour).
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'worker-src': ["'self'"],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    // Only behind an HTTPS proxy: on plain http it would send every subresource to an https that is not there.
    ...(config.trustProxy && { 'upgrade-insecure-requests': [] }),
  };
}

/** helmet's defaults plus the policy above; routes may set a stricter policy of their own (the logo does). */
export function securityHeaders(config: ServerConfig): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(config) },
    strictTransportSecurity: config.trustProxy,
  });
}
