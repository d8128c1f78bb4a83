/** How ticket numbers are shown: `TK-{n}`. */

/** `TK-42` for 42; `null` while the server has not assigned a number yet. */
export function formatTicketNumber(number: number | null): string | null {
  return number === null ? null : `TK-${number}`;
}
