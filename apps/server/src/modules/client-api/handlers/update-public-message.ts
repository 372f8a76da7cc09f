import type { Handler } from '../../../http/operation-types';

/** PATCH /public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations/{conversation_id}/messages/{message_id} */
export const updatePublicMessage: Handler<'updatePublicMessage'> = async ({ path, body, services, origin }) => ({
  status: 200,
  body: await services.publicMessages.answer(
    path.inbox_identifier,
    path.contact_identifier,
    path.conversation_id,
    path.message_id,
    body,
    await services.presentation(origin),
  ),
});
