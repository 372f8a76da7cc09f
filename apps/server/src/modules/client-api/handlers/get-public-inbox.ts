import type { Handler } from '../../../http/operation-types';
import { toPublicInbox } from '../public-inbox-mapper';

/** GET /public/api/v1/inboxes/{inbox_identifier} */
export const getPublicInbox: Handler<'getPublicInbox'> = async ({ path, services }) => ({
  status: 200,
  body: toPublicInbox(await services.publicInboxes.find(path.inbox_identifier)),
});
