import { memberOf } from '../../../auth/account-member';
import type { Handler } from '../../../http/operation-types';
import { toInbox } from '../../../modules/inboxes/inbox-mapper';

/** POST /api/v1/accounts/{account_id}/inboxes */
export const createInbox: Handler<'createInbox'> = async ({ body, member, services, origin }) => {
  const inbox = await services.inboxes.create(memberOf(member), body);
  return { status: 200, body: toInbox(inbox, { administrator: true, origin }) };
};
