import type { Database } from '../../db/connection';

/** The labels of contacts, lower-cased, one row per contact and label. */
export function contactLabelRepository(db: Database) {
  return {
    /** The contact's labels in the order they were first given. */
    async list(contactId: number): Promise<string[]> {
      const rows = await db('contact_labels').select('label').where({ contact_id: contactId }).orderBy('id');
      return rows.map((row) => row.label);
    },

    /** Makes `labels` the contact's whole set, keeping the labels it already had in their place. */
    async replace(accountId: number, contactId: number, labels: string[], now: number): Promise<void> {
      await db.transaction(async (trx) => {
        await trx('contact_labels').where({ contact_id: contactId }).whereNotIn('label', labels).delete();
        if (labels.length === 0) return;
        await trx('contact_labels')
          .insert(labels.map((label) => ({ account_id: accountId, contact_id: contactId, label, created_at: now })))
          .onConflict(['contact_id', 'label'])
          .ignore();
      });
    },
  };
}
