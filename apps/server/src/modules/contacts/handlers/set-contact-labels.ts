import type { Handler } from '../../../http/operation-types';

/** POST /api/v1/accounts/{account_id}/contacts/{id}/labels */
export const setContactLabels: Handler<'setContactLabels'> = async ({ path, body, actor, services }) => {
  const labels = await services.contactLabels.replace(actor, path.id, body.labels);
  return { status: 200, body: { payload: labels } };
};
