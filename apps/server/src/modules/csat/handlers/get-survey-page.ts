import { HtmlPage, noncePolicy, pageNonce } from '../../../http/html-page';
import type { Handler } from '../../../http/operation-types';
import { missingSurveyPage, surveyPage } from '../survey-page';

/** GET /survey/responses/{conversation_uuid} */
export const getSurveyPage: Handler<'getSurveyPage'> = async ({ path, services }) => {
  const nonce = pageNonce();
  const view = await services.csatSurveys.lookUp(path.conversation_uuid);
  if (!view) return { status: 404, body: new HtmlPage(missingSurveyPage(nonce), noncePolicy(nonce)) };
  return { status: 200, body: new HtmlPage(surveyPage(view, path.conversation_uuid, nonce), noncePolicy(nonce)) };
};
