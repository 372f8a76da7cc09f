import type { Handler } from '../../../http/operation-types';
import { inboxViewerOf } from '../../inboxes/inbox-mapper';
import { toContactInbox } from '../contact-mapper';

/** GET /api/v1/accounts/{account_id}/contacts/{id}/contactable_inboxes */
export const listContactableInboxes: Handler<'listContactableInboxes'> = async ({ path, actor, services, origin }) => {
  const sessions = await services.contactSessions.contactable(actor, path.id);
  const inboxViewer = inboxViewerOf(actor, origin);
  return { status: 200, body: { payload: sessions.map((session) => toContactInbox(session, inboxViewer)) } };
};
