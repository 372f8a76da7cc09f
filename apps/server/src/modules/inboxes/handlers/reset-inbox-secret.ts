import type { Handler } from '../../../http/operation-types';
import { toInbox } from '../inbox-mapper';

/** POST /api/v1/accounts/{account_id}/inboxes/{id}/reset_secret */
export const resetInboxSecret: Handler<'resetInboxSecret'> = async ({ path, actor, services, origin }) => {
  const inbox = await services.inboxes.resetSecret(actor, path.id);
  return { status: 200, body: toInbox(inbox, { administrator: true, origin }) };
};
