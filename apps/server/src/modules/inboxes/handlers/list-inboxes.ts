import { isAdministrator } from '../../../auth/actor';
import type { Handler } from '../../../http/operation-types';
import { toInbox } from '../inbox-mapper';

/** GET /api/v1/accounts/{account_id}/inboxes */
export const listInboxes: Handler<'listInboxes'> = async ({ actor, services, origin }) => {
  const inboxes = await services.inboxes.list(actor);
  const administrator = isAdministrator(actor);
  return { status: 200, body: { payload: inboxes.map((inbox) => toInbox(inbox, { administrator, origin })) } };
};
