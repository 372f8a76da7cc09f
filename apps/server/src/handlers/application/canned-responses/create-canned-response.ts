import { memberOf } from '../../../auth/account-member';
import type { Handler } from '../../../http/operation-types';
import { toCannedResponse } from '../../../modules/canned-responses/canned-response-mapper';

/** POST /api/v1/accounts/{account_id}/canned_responses */
export const createCannedResponse: Handler<'createCannedResponse'> = async ({ member, body, services }) => {
  const response = await services.cannedResponses.create(memberOf(member), body);
  return { status: 200, body: toCannedResponse(response) };
};
