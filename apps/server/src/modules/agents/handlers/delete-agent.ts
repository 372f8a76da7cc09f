import type { Handler } from '../../../http/operation-types';

/** DELETE /api/v1/accounts/{account_id}/agents/{id} */
export const deleteAgent: Handler<'deleteAgent'> = async ({ path, actor, services }) => {
  await services.agents.delete(actor, path.id);
  return { status: 200 };
};
