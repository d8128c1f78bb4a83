/** The portal's branding: the environment's values win, then the demo's when it was seeded, then a plain default. */
import path from 'node:path';
import { LOGO_TYPES, type ServerConfig } from '../config';

/** What `/api/portal` and the manifest are rendered from. */
export interface Branding {
  name: string;
  primaryColor: string;
  /** Absolute path of the logo file, or null for none. */
  logoFile: string | null;
  /** The logo's content type, or null. */
  logoType: string | null;
}

/** The demo's branding (issue 2, "Demo data when seeding"). */
export const DEMO_BRANDING = {
  name: 'Acme Support',
  primaryColor: '#4f46e5',
  logoFile: path.join(import.meta.dirname, '..', 'assets', 'demo-logo.svg'),
} as const;

/** A portal set up without the demo and without branding variables. */
export const DEFAULT_BRANDING = { name: 'Support Portal', primaryColor: '#2563eb' } as const;

/** Resolves the branding for this server; `demo` says whether the data directory holds the demo. */
export function resolveBranding(config: ServerConfig, demo: boolean): Branding {
  const logoFile = config.portalLogo ?? (demo ? DEMO_BRANDING.logoFile : null);
  return {
    name: config.portalName ?? (demo ? DEMO_BRANDING.name : DEFAULT_BRANDING.name),
    primaryColor: config.portalPrimaryColor ?? (demo ? DEMO_BRANDING.primaryColor : DEFAULT_BRANDING.primaryColor),
    logoFile,
    logoType: logoFile ? (LOGO_TYPES[path.extname(logoFile).toLowerCase()] ?? null) : null,
  };
}

/** A short name for the home screen: the whole name when it fits in 12 characters. */
export function shortName(name: string): string {
  if (name.length <= 12) return name;
  const first = name.split(/\s+/)[0] ?? name;
  return first.length <= 12 ? first : first.slice(0, 12);
}
