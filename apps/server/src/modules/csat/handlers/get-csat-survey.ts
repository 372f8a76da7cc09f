import type { Handler } from '../../../http/operation-types';

/** GET /public/api/v1/csat_survey/{conversation_uuid} */
export const getCsatSurvey: Handler<'getCsatSurvey'> = async ({ path, services }) => ({
  status: 200,
  body: (await services.csatSurveys.find(path.conversation_uuid)).survey,
});
