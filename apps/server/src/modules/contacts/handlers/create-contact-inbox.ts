import type { Handler } from '../../../http/operation-types';
import { inboxViewerOf } from '../../inboxes/inbox-mapper';
import { toContactInbox } from '../contact-mapper';

/** POST /api/v1/accounts/{account_id}/contacts/{id}/contact_inboxes */
export const createContactInbox: Handler<'createContactInbox'> = async ({ path, body, actor, services, origin }) => {
  const session = await services.contactSessions.open(actor, path.id, body.inbox_id, body.source_id);
  return { status: 200, body: toContactInbox(session, inboxViewerOf(actor, origin)) };
};
