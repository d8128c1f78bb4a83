/** My Tickets' search rule: subject, description, message text and number; case, accents and word order ignored. */
import { describe, expect, it } from 'vitest';
import { foldForSearch, matchesTicketSearch, parseTicketSearch, ticketSearchText } from './ticket-search';

const ticket = (number: number | null, subject: string, bodies: string[] = [], description = '') =>
  ({ number, searchText: ticketSearchText({ subject, description }, bodies) });
const finds = (query: string, t: ReturnType<typeof ticket>) => matchesTicketSearch(t, parseTicketSearch(query));

const printer = ticket(42, 'Printer jams on page two', ['The café’s Émile says the tray is   bent.', 'Thanks!'], 'Model LX-300');

describe('ticket search', () => {
  it('matches every ticket for a blank query', () => {
    expect(parseTicketSearch('   ')).toEqual([]);
    expect(finds('', printer)).toBe(true);
  });

  it('finds the subject, the description and message text, ignoring case', () => {
    expect(finds('printer', printer)).toBe(true);
    expect(finds('PAGE TWO', printer)).toBe(true);
    expect(finds('lx-300', printer)).toBe(true);
    expect(finds('tray', printer)).toBe(true);
    expect(finds('scanner', printer)).toBe(false);
  });

  it('ignores accents on either side', () => {
    expect(foldForSearch('Émile Café')).toBe('emile cafe');
    expect(finds('cafe emile', printer)).toBe(true);
    expect(finds('CAFÉ', ticket(1, 'Lunch at the cafe'))).toBe(true);
  });

  it('needs every word, each anywhere in the ticket and in any order', () => {
    expect(finds('bent printer', printer)).toBe(true);
    expect(finds('printer thanks jams', printer)).toBe(true);
    expect(finds('printer scanner', printer)).toBe(false);
  });

  it('reads spaces in the text and the query as one', () => {
    expect(finds('is bent', printer)).toBe(true);
    expect(finds('  tray   is  ', printer)).toBe(true);
  });

  it('finds the ticket number as TK-42, tk-42, tk 42, #42 or 42', () => {
    for (const query of ['TK-42', 'tk-42', 'tk 42', 'TK42', '#42', '42']) expect(finds(query, printer), query).toBe(true);
    expect(finds('TK-42 tray', printer)).toBe(true);
    expect(finds('tk-42 scanner', printer)).toBe(false);
  });

  it('never finds another ticket by a number that only contains the digits', () => {
    const other = ticket(142, 'Login fails');
    expect(finds('42', other)).toBe(false);
    expect(finds('TK-4', printer)).toBe(false);
    expect(finds('TK-42', ticket(null, 'Not numbered yet'))).toBe(false);
  });

  it('finds digits in the words, but a TK- number only as the number', () => {
    const rows = ticket(7, 'Export cuts off after 10000 rows', ['See TK-42 for the same problem']);
    expect(finds('10000', rows)).toBe(true);
    expect(finds('7', rows)).toBe(true);
    expect(finds('TK-42', rows)).toBe(false);
  });
});
