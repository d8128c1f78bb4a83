/** Reads a mailed link's `#token=…` once, then takes it out of the address bar so that history does not keep it. */
import { tokenFromHash } from '../data/accounts/account-links';

/** The token of the current URL's fragment, or `null`; the fragment is removed from the URL (history.replaceState). */
export function takeLinkToken(): string | null {
  const token = tokenFromHash(window.location.hash);
  if (window.location.hash) {
    history.replaceState(history.state, '', window.location.pathname + window.location.search);
  }
  return token;
}
