import type { Handler } from '../../../http/operation-types';
import { toInbox } from '../inbox-mapper';

/** POST /api/v1/accounts/{account_id}/inboxes */
export const createInbox: Handler<'createInbox'> = async ({ body, actor, services, origin }) => {
  const inbox = await services.inboxes.create(actor, body);
  return { status: 200, body: toInbox(inbox, { administrator: true, origin }) };
};
