import type { Handler } from '../../../http/operation-types';

/** PUT /public/api/v1/csat_survey/{conversation_uuid} */
export const answerCsatSurvey: Handler<'answerCsatSurvey'> = async ({ path, body, services }) => ({
  status: 200,
  body: await services.csatSurveys.answer(path.conversation_uuid, body),
});
