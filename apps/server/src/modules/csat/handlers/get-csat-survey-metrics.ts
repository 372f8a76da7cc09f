import type { Handler } from '../../../http/operation-types';

/** GET /api/v1/accounts/{account_id}/csat_survey_responses/metrics */
export const getCsatSurveyMetrics: Handler<'getCsatSurveyMetrics'> = async ({ actor, query, services }) => ({
  status: 200,
  body: await services.csatResponses.metrics(actor, {
    since: query.since,
    until: query.until,
    userIds: query.user_ids,
    inboxId: query.inbox_id,
    teamId: query.team_id,
    rating: query.rating,
  }),
});
