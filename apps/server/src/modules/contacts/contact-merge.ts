import type { Actor } from '../../auth/actor';
import type { Database } from '../../db/connection';
import { changedAttributes } from '../../events/change-event';
import type { ServiceDependencies } from '../service-dependencies';
import { contactEvent } from './contact-events';
import { type ContactFields, type ContactRecord, contactRepository } from './contact-repository';
import { deepMerge } from './deep-merge';

const isBlank = (value: string | null) => value === null || value.trim() === '';

/** The fields of `base` where it has them, else those of `mergee`; attribute objects merged, `base` winning. */
function mergedFields(base: ContactRecord, mergee: ContactRecord): Partial<ContactFields> {
  const fields: Partial<ContactFields> = {};
  for (const field of ['identifier', 'name', 'email', 'phone_number'] as const) {
    const kept = base[field];
    const offered = mergee[field];
    if ((kept === null || isBlank(kept)) && offered !== null && !isBlank(offered)) fields[field] = offered;
  }
  fields.additional_attributes = deepMerge(mergee.additional_attributes, base.additional_attributes);
  fields.custom_attributes = deepMerge(mergee.custom_attributes, base.custom_attributes);
  return fields;
}

/**
 * Makes two contacts of an account one, in the caller's transaction, as the reference does when a contact turns out
 * to be another: `mergee`'s conversations, messages, sessions and survey answers become `base`'s, `base` takes the
 * fields it lacks from `mergee` (keeping its own), and `mergee` is deleted with its labels. Records
 * `contact_deleted` for `mergee` and `contact_updated` for `base`. Answers `base` as it now stands.
 */
export async function mergeContacts(
  trx: Database,
  { clock, events }: Pick<ServiceDependencies, 'clock' | 'events'>,
  actor: Actor,
  base: ContactRecord,
  mergee: ContactRecord,
): Promise<ContactRecord> {
  const now = clock.nowSeconds();
  await trx('conversations').where({ contact_id: mergee.id }).update({ contact_id: base.id });
  await trx('messages').where({ sender_type: 'Contact', sender_id: mergee.id }).update({ sender_id: base.id });
  await trx('contact_inboxes').where({ contact_id: mergee.id }).update({ contact_id: base.id });
  await trx('csat_survey_responses').where({ contact_id: mergee.id }).update({ contact_id: base.id });
  const contacts = contactRepository(trx);
  await contacts.delete(mergee.id);
  await events.record(trx, contactEvent('contact_deleted', actor, mergee));
  const fields = mergedFields(base, mergee);
  await contacts.update(base.id, fields, now);
  const merged = { ...base, ...fields, updated_at: now };
  await events.record(
    trx,
    contactEvent('contact_updated', actor, merged, { changed_attributes: changedAttributes(base, fields) }),
  );
  return merged;
}
