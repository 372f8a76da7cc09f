import { isAdministrator, memberOf } from '../../../auth/account-member';
import type { Handler } from '../../../http/operation-types';
import { toInbox } from '../../../modules/inboxes/inbox-mapper';

/** GET /api/v1/accounts/{account_id}/inboxes */
export const listInboxes: Handler<'listInboxes'> = async ({ member, services, origin }) => {
  const viewer = memberOf(member);
  const inboxes = await services.inboxes.list(viewer);
  const administrator = isAdministrator(viewer);
  return { status: 200, body: { payload: inboxes.map((inbox) => toInbox(inbox, { administrator, origin })) } };
};
