import type { Handler } from '../../../http/operation-types';

/** DELETE /api/v1/accounts/{account_id}/canned_responses/{id} */
export const deleteCannedResponse: Handler<'deleteCannedResponse'> = async ({ actor, path, services }) => {
  await services.cannedResponses.delete(actor, path.id);
  return { status: 200 };
};
