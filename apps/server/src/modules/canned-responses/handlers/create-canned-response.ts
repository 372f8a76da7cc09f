import type { Handler } from '../../../http/operation-types';
import { toCannedResponse } from '../canned-response-mapper';

/** POST /api/v1/accounts/{account_id}/canned_responses */
export const createCannedResponse: Handler<'createCannedResponse'> = async ({ actor, body, services }) => {
  const response = await services.cannedResponses.create(actor, body);
  return { status: 200, body: toCannedResponse(response) };
};
