import type { Handler } from '../../../http/operation-types';

/** GET /api/v1/accounts/{account_id}/contacts/{id}/labels */
export const listContactLabels: Handler<'listContactLabels'> = async ({ path, actor, services }) => {
  const labels = await services.contactLabels.list(actor, path.id);
  return { status: 200, body: { payload: labels } };
};
