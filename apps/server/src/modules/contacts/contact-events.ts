import type { Actor } from '../../auth/actor';
import { changeEvent } from '../../events/change-event';
import type { ContactRecord } from './contact-repository';

/** The event of a change to a contact, its labels or its sessions. */
export const contactEvent = (name: string, actor: Actor, contact: ContactRecord, data: Record<string, unknown> = {}) =>
  changeEvent(name, actor, contact.account_id, { type: 'contact', id: contact.id }, { contact, ...data });
