import { isAdministrator } from '../../../auth/actor';
import type { Handler } from '../../../http/operation-types';
import { toInbox } from '../inbox-mapper';

/** GET /api/v1/accounts/{account_id}/inboxes/{id} */
export const getInbox: Handler<'getInbox'> = async ({ path, actor, services, origin }) => {
  const inbox = await services.inboxes.get(actor, path.id);
  return { status: 200, body: toInbox(inbox, { administrator: isAdministrator(actor), origin }) };
};
