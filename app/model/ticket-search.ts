/**
 * My Tickets' search rule, pure: a ticket matches when every word of the query is found in it, case and accents
 * ignored. A ticket's words are its subject, its description and its public messages' text (what its screens
 * show); its number is matched as a number, so `TK-42`, `tk-42`, `tk 42`, `#42` and `42` all find TK-42.
 */

/** One word of a query: text to find, or a ticket number (`TK-42`, `#42`), or digits that may be either. */
export type SearchWord = { text: string; number?: number; numberOnly: boolean };

/** Lower case, accents dropped (`Café` → `cafe`), any run of spaces as one. */
export function foldForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\s+/g, ' ');
}

/** The folded text a ticket is searched in: its subject, description and the bodies of its public messages. */
export function ticketSearchText(ticket: { subject: string; description?: string }, bodies: readonly string[]): string {
  return foldForSearch([ticket.subject, ticket.description ?? '', ...bodies].join('\n'));
}

/** The words of what the user typed; none for a blank query. */
export function parseTicketSearch(query: string): SearchWord[] {
  const folded = foldForSearch(query).trim().replace(/\btk\s*-?\s*(\d+)\b/g, 'tk-$1');
  if (!folded) return [];
  return folded.split(' ').map((word): SearchWord => {
    const numbered = /^(?:tk-|#)(\d+)$/.exec(word);
    if (numbered) return { text: word, number: Number(numbered[1]), numberOnly: true };
    if (/^\d+$/.test(word)) return { text: word, number: Number(word), numberOnly: false };
    return { text: word, numberOnly: false };
  });
}

/** Whether a ticket (its number and `ticketSearchText`) holds every word; every ticket matches no words. */
export function matchesTicketSearch(ticket: { number: number | null; searchText: string }, words: readonly SearchWord[]): boolean {
  return words.every((word) => {
    if (word.number !== undefined && ticket.number === word.number) return true;
    return !word.numberOnly && ticket.searchText.includes(word.text);
  });
}
