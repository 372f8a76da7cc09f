import type { Handler } from '../../../http/operation-types';

/** POST /public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations */
export const createPublicConversation: Handler<'createPublicConversation'> = async ({
  path,
  body,
  services,
  origin,
}) => ({
  status: 200,
  body: await services.publicConversations.create(
    path.inbox_identifier,
    path.contact_identifier,
    body ?? {},
    await services.presentation(origin),
  ),
});
