import type { Handler } from '../../../http/operation-types';

/** GET /api/v1/accounts/{account_id}/csat_survey_responses */
export const listCsatSurveyResponses: Handler<'listCsatSurveyResponses'> = async ({ actor, query, services }) => ({
  status: 200,
  body: await services.csatResponses.list(
    actor,
    {
      since: query.since,
      until: query.until,
      userIds: query.user_ids,
      inboxId: query.inbox_id,
      teamId: query.team_id,
      rating: query.rating,
    },
    { page: query.page ?? 1, oldestFirst: query.sort === 'created_at' },
  ),
});
