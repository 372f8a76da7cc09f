import type { Handler } from '../../../http/operation-types';
import { toCannedResponse } from '../canned-response-mapper';

/** PATCH /api/v1/accounts/{account_id}/canned_responses/{id} */
export const updateCannedResponse: Handler<'updateCannedResponse'> = async ({ actor, path, body, services }) => {
  const response = await services.cannedResponses.update(actor, path.id, body);
  return { status: 200, body: toCannedResponse(response) };
};
