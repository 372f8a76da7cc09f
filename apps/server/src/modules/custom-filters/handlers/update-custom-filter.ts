import type { Handler } from '../../../http/operation-types';
import { toCustomFilter } from '../custom-filter-mapper';

/** PATCH /api/v1/accounts/{account_id}/custom_filters/{custom_filter_id} */
export const updateCustomFilter: Handler<'updateCustomFilter'> = async ({ path, body, actor, services }) => {
  const filter = await services.customFilters.update(actor, path.custom_filter_id, body);
  return { status: 200, body: toCustomFilter(filter) };
};
