import type { Database } from '../../db/connection';
import { escapeLike } from '../../db/like-pattern';
import type { ContactCondition } from './contact-repository';

// The trigram index only knows strings of three characters or more; shorter ones are matched by scanning.
const shortestIndexedText = 3;

/**
 * Contacts whose name, email or phone number contains `text` ignoring case, or whose identifier contains it
 * exactly. PostgreSQL answers through the trigram indexes on each column; SQLite through its trigram full-text
 * table, whose candidates are then checked against the same rules (it ignores case in every column).
 */
export function contactSearchCondition(db: Database, text: string): ContactCondition {
  const containing = `%${escapeLike(text)}%`;
  if (db.client.config.client === 'pg') {
    return (query) =>
      query.whereRaw(
        `(contacts.name ilike ? or contacts.email ilike ? or contacts.phone_number ilike ?
          or contacts.identifier like ?)`,
        [containing, containing, containing, containing],
      );
  }
  return (query) => {
    if ([...text].length >= shortestIndexedText) {
      query.whereRaw('contacts.id in (select rowid from contact_search where contact_search match ?)', [
        `"${text.replace(/"/g, '""')}"`,
      ]);
    }
    query.whereRaw(
      `(contacts.name like ? escape '\\' or contacts.email like ? escape '\\' or contacts.phone_number like ? escape '\\'
        or instr(contacts.identifier, ?) > 0)`,
      [containing, containing, containing, text],
    );
  };
}
