import type { MemberActor } from '../../auth/actor';
import { changedAttributes } from '../../events/change-event';
import type { ServiceDependencies } from '../service-dependencies';
import { findAccountContact } from './contact-access';
import { contactEvent } from './contact-events';
import { contactLabelRepository } from './contact-label-repository';

/** Labels as stored: trimmed, lower-cased, each once, in the order first given. */
export const normalisedLabels = (labels: string[]): string[] => [
  ...new Set(labels.map((label) => label.trim().toLowerCase()).filter((label) => label !== '')),
];

/** The labels that tag each contact of an account. */
export function contactLabelService({ db, clock, events }: ServiceDependencies) {
  const labels = contactLabelRepository(db);

  return {
    async list(member: MemberActor, contactId: number): Promise<string[]> {
      const contact = await findAccountContact(db, member, contactId);
      return labels.list(contact.id);
    },

    /**
     * Makes `given` the contact's whole set of labels. Concurrent replacements take turns on the contact's row, so the
     * set left is one request's whole set and each event compares with what the replacement before it left.
     */
    async replace(member: MemberActor, contactId: number, given: string[]): Promise<string[]> {
      return db.transaction(async (trx) => {
        const contact = await findAccountContact(trx, member, contactId, { lock: true });
        const stored = contactLabelRepository(trx);
        const previous = await stored.list(contact.id);
        await stored.replace(member.account.id, contact.id, normalisedLabels(given), clock.nowSeconds());
        const current = await stored.list(contact.id);
        const changed = changedAttributes({ label_list: previous }, { label_list: current });
        if (changed.length > 0) {
          await events.record(trx, contactEvent('contact_updated', member, contact, { changed_attributes: changed }));
        }
        return current;
      });
    },
  };
}

export type ContactLabelService = ReturnType<typeof contactLabelService>;
