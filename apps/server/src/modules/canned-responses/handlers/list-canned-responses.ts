import type { Handler } from '../../../http/operation-types';
import { toCannedResponse } from '../canned-response-mapper';

/** GET /api/v1/accounts/{account_id}/canned_responses */
export const listCannedResponses: Handler<'listCannedResponses'> = async ({ actor, query, services }) => {
  const responses = await services.cannedResponses.list(actor, query.search);
  return { status: 200, body: responses.map(toCannedResponse) };
};
