/** Each screen names itself in the document title, after the portal's name: "My Tickets · Acme Support". */
import { createEffect, type Accessor } from 'solid-js';
import { useBranding } from './branding-context';

/** Keeps `document.title` as "{title} · {portal name}" while the calling screen is shown. */
export function createPageTitle(title: Accessor<string>): void {
  const branding = useBranding();
  createEffect(() => {
    document.title = `${title()} · ${branding().name}`;
  });
}
