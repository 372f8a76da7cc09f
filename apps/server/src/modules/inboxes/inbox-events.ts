import type { MemberActor } from '../../auth/actor';
import { changeEvent } from '../../events/change-event';
import type { InboxRecord } from './inbox-repository';

/** The event of a change to an inbox, its members or its bot. */
export const inboxEvent = (name: string, member: MemberActor, inbox: InboxRecord, data: Record<string, unknown> = {}) =>
  changeEvent(name, member, inbox.account_id, { type: 'inbox', id: inbox.id }, { inbox, ...data });
