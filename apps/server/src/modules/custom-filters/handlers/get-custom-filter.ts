import type { Handler } from '../../../http/operation-types';
import { toCustomFilter } from '../custom-filter-mapper';

/** GET /api/v1/accounts/{account_id}/custom_filters/{custom_filter_id} */
export const getCustomFilter: Handler<'getCustomFilter'> = async ({ path, actor, services }) => {
  const filter = await services.customFilters.get(actor, path.custom_filter_id);
  return { status: 200, body: toCustomFilter(filter) };
};
