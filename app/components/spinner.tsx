/** A small spinner for buttons that are working; hidden from assistive tech (the button's label says it). */

/** An inline spinning ring sized to the text around it. */
export function Spinner() {
  return <span class="spinner" aria-hidden="true" />;
}
