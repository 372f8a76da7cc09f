import type { Database } from '../../db/connection';
import { escapeLike } from '../../db/like-pattern';
import { isIndexedOrder } from './contact-order';
import type { ContactCondition, ContactPageRequest, ContactRecord, ContactRepository } from './contact-repository';

/** The trigram indexes only know strings of three characters or more; shorter ones are matched by scanning. */
export const shortestIndexedText = 3;

// SQLite's trigram table is asked for slices of a long text rather than for the whole phrase: every trigram of the
// phrase would be read, and those of an address's domain are in most rows; a few slices find the same candidates.
const indexedSliceLength = 6;

/**
 * How many of the account's first contacts, in an order an index gives, a search reads before it turns to the
 * trigram indexes. A fragment that one contact in a few hundred carries fills its first page within them (in the
 * default order from the activity index alone, which holds the searched columns); a rarer one is found through the
 * trigram indexes, which then give few candidates.
 */
const firstContactsSearched = 4000;

const isPostgres = (db: Database) => db.client.config.client === 'pg';

// An E.164 number holds only a leading plus and digits, so no other text can be part of one.
const couldBeInPhoneNumber = (text: string) => /^\+?\d+$/.test(text);

/**
 * Contacts whose name, email or phone number contains `text` ignoring case, or whose identifier contains it exactly,
 * checked row by row. Emails are stored lower-cased and phone numbers have no letters, so only names need folding.
 */
function containingText(db: Database, text: string): ContactCondition {
  const phone = couldBeInPhoneNumber(text);
  if (isPostgres(db)) {
    // What ilike does, lower-casing both sides, without matching a pattern: half the time per row.
    return (query) =>
      query.whereRaw(
        `(strpos(lower(contacts.name), lower(?)) > 0 or strpos(contacts.email, ?) > 0
          ${phone ? 'or strpos(contacts.phone_number, ?) > 0' : ''} or strpos(contacts.identifier, ?) > 0)`,
        [text, text.toLowerCase(), ...(phone ? [text] : []), text],
      );
  }
  const containing = `%${escapeLike(text)}%`;
  return (query) =>
    query.whereRaw(
      `(contacts.name like ? escape '\\' or contacts.email like ? escape '\\'
        ${phone ? `or contacts.phone_number like ? escape '\\'` : ''} or instr(contacts.identifier, ?) > 0)`,
      [containing, containing, ...(phone ? [containing] : []), text],
    );
}

/** The slices of `text` the trigram table is asked for, each of them at least a trigram long. */
function slicesOf(text: string): string[] {
  const characters = [...text];
  const slices: string[] = [];
  for (let start = 0; start < characters.length; start += indexedSliceLength) {
    // A last slice too short for a trigram reaches back into the one before.
    const from = Math.min(start, characters.length - shortestIndexedText);
    slices.push(characters.slice(from, start + indexedSliceLength).join(''));
  }
  return slices;
}

/** `text` as one phrase of SQLite's trigram-table query language, whatever quotes it holds. */
export const phrase = (text: string) => `"${text.replace(/"/g, '""')}"`;

/** The FTS5 query for the rows that may contain `text`: all its slices, each as a phrase of trigrams. */
export function trigramTableQuery(text: string): string {
  return slicesOf(text).map(phrase).join(' AND ');
}

/**
 * The part of a text up to and including its @, when at least three characters come before it: the end of an
 * address's local part, which tells contacts apart, where the domain is shared by many.
 */
export function mailboxPart(text: string): string | undefined {
  const at = text.indexOf('@');
  if (at < 0) return undefined;
  return [...text.slice(0, at)].length >= shortestIndexedText ? text.slice(0, at + 1) : undefined;
}

/**
 * The pattern an email is looked up by in its trigram index: for a text naming a mailbox, the last characters before
 * its @, where addresses differ most (digits, initials), rather than a domain or common names, whose trigrams are in
 * so many rows that the index would read long lists for each.
 */
function emailLookupPattern(text: string): string {
  const lowered = text.toLowerCase();
  const mailbox = mailboxPart(lowered);
  const looked = mailbox === undefined ? lowered : [...mailbox].slice(-(indexedSliceLength + 1)).join('');
  return `%${escapeLike(looked)}%`;
}

/**
 * The same contacts as `containingText`, found through the trigram indexes: on PostgreSQL those of each column, on
 * SQLite its trigram table, whose candidates are then checked row by row.
 */
export function contactSearchCondition(db: Database, text: string): ContactCondition {
  const phone = couldBeInPhoneNumber(text);
  const pattern = `%${escapeLike(text)}%`;
  if (isPostgres(db)) {
    return (query) =>
      query.whereRaw(
        `(contacts.name ilike ? or (contacts.email like ? and strpos(contacts.email, ?) > 0)
          ${phone ? 'or contacts.phone_number like ?' : ''} or contacts.identifier like ?)`,
        [pattern, emailLookupPattern(text), text.toLowerCase(), ...(phone ? [pattern] : []), pattern],
      );
  }
  const checked = containingText(db, text);
  if ([...text].length < shortestIndexedText) return checked;
  return (query) => {
    query.whereRaw('contacts.id in (select rowid from contact_search where contact_search match ?)', [
      trigramTableQuery(text),
    ]);
    checked(query);
  };
}

// Up to this many candidates, checking each row costs less than reading the recent contacts.
const fewCandidates = 300;

/**
 * On SQLite, the rows of the trigram table that may contain `text`, when one of its slices is in few of them: each
 * slice in turn is asked for at most that many rows, which come at once for a common slice and at little cost for a
 * rare one, and the first slice found in fewer rows gives all the candidates there are.
 */
async function fewTrigramCandidates(db: Database, text: string): Promise<number[] | undefined> {
  if (isPostgres(db) || [...text].length < shortestIndexedText) return undefined;
  for (const slice of slicesOf(text)) {
    const rows = await db.raw<Array<{ id: number }>>(
      'select rowid as id from contact_search where contact_search match ? limit ?',
      [phrase(slice), fewCandidates],
    );
    if (rows.length < fewCandidates) return rows.map((row) => row.id);
  }
  return undefined;
}

/**
 * One page of the account's contacts containing `text`, with the first of the next page. A text rare enough is
 * looked up in the trigram indexes; a common one, in the default or the name order, among the account's first
 * contacts in that order, and through the trigram indexes only when those do not fill the page.
 */
export async function searchContactsPage(
  db: Database,
  contacts: ContactRepository,
  accountId: number,
  text: string,
  request: ContactPageRequest,
): Promise<ContactRecord[]> {
  const lookAhead = { lookAhead: true };
  const candidates = await fewTrigramCandidates(db, text);
  if (candidates) {
    const checked = containingText(db, text);
    return contacts.page(accountId, (query) => checked(query.whereIn('contacts.id', candidates)), request, lookAhead);
  }
  // A text naming a mailbox finds few contacts: reading the first ones in order would only delay the index.
  if (isIndexedOrder(request.order) && mailboxPart(text) === undefined) {
    const first = await contacts.page(accountId, containingText(db, text), request, {
      ...lookAhead,
      withinFirst: firstContactsSearched,
    });
    if (first.length > request.pageSize) return first;
  }
  // SQLite finds the candidates in its trigram table first whatever the order; PostgreSQL is told to.
  return contacts.page(accountId, contactSearchCondition(db, text), request, {
    ...lookAhead,
    matchingFirst: isPostgres(db),
  });
}
