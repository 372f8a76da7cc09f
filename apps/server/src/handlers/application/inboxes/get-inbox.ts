import { isAdministrator, memberOf } from '../../../auth/account-member';
import type { Handler } from '../../../http/operation-types';
import { toInbox } from '../../../modules/inboxes/inbox-mapper';

/** GET /api/v1/accounts/{account_id}/inboxes/{id} */
export const getInbox: Handler<'getInbox'> = async ({ path, member, services, origin }) => {
  const viewer = memberOf(member);
  const inbox = await services.inboxes.get(viewer, path.id);
  return { status: 200, body: toInbox(inbox, { administrator: isAdministrator(viewer), origin }) };
};
