import type { Handler } from '../../../http/operation-types';

/** DELETE /api/v1/accounts/{account_id}/custom_filters/{custom_filter_id} */
export const deleteCustomFilter: Handler<'deleteCustomFilter'> = async ({ path, actor, services }) => {
  await services.customFilters.delete(actor, path.custom_filter_id);
  return { status: 200 };
};
