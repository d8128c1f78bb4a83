/** The sentences My Tickets says about a search: on screen when nothing matches, and to screen readers. */
import type { PortalTab } from '../model/status';

const IN_TAB: Record<PortalTab, string> = { all: '', open: 'open ', resolved: 'resolved ' };

/** "No open tickets match “printer”.", "1 ticket matches “printer”.", "3 resolved tickets match “printer”." */
export function searchResultSentence(count: number, tab: PortalTab, query: string): string {
  const what = `${IN_TAB[tab]}${count === 1 ? 'ticket matches' : 'tickets match'}`;
  return `${count === 0 ? 'No' : count} ${what} “${query.trim()}”.`;
}
