/** The portal's branding, created once at the root and read by any screen (no RxDB here). */
import { createContext, useContext, type Accessor } from 'solid-js';
import type { Branding } from '../data/branding';

/** Holds the branding accessor made by the root route. */
export const BrandingContext = createContext<Accessor<Branding>>();

/** The branding; throws a clear error outside the root route. */
export function useBranding(): Accessor<Branding> {
  const branding = useContext(BrandingContext);
  if (!branding) throw new Error('useBranding() must be called inside <BrandingContext.Provider> (the app root)');
  return branding;
}
