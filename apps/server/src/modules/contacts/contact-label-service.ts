import type { AccountMember } from '../../auth/account-member';
import type { Clock } from '../../config/clock';
import type { Database } from '../../db/connection';
import { findAccountContact } from './contact-access';
import { contactLabelRepository } from './contact-label-repository';

/** Labels as stored: trimmed, lower-cased, each once, in the order first given. */
export const normalisedLabels = (labels: string[]): string[] => [
  ...new Set(labels.map((label) => label.trim().toLowerCase()).filter((label) => label !== '')),
];

/** The labels that tag each contact of an account. */
export function contactLabelService(db: Database, clock: Clock) {
  const labels = contactLabelRepository(db);

  return {
    async list(member: AccountMember, contactId: number): Promise<string[]> {
      const contact = await findAccountContact(db, member, contactId);
      return labels.list(contact.id);
    },

    /** Makes `given` the contact's whole set of labels. */
    async replace(member: AccountMember, contactId: number, given: string[]): Promise<string[]> {
      const contact = await findAccountContact(db, member, contactId);
      await labels.replace(member.account.id, contact.id, normalisedLabels(given), clock.nowSeconds());
      return labels.list(contact.id);
    },
  };
}

export type ContactLabelService = ReturnType<typeof contactLabelService>;
