import type { Handler } from '../../../http/operation-types';
import { toInbox } from '../inbox-mapper';

/** PATCH /api/v1/accounts/{account_id}/inboxes/{id} */
export const updateInbox: Handler<'updateInbox'> = async ({ path, body, actor, services, origin }) => {
  const inbox = await services.inboxes.update(actor, path.id, body);
  return { status: 200, body: toInbox(inbox, { administrator: true, origin }) };
};
