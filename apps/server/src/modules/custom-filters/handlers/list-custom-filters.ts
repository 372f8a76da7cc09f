import type { Handler } from '../../../http/operation-types';
import { toCustomFilter } from '../custom-filter-mapper';

/** GET /api/v1/accounts/{account_id}/custom_filters */
export const listCustomFilters: Handler<'listCustomFilters'> = async ({ query, actor, services }) => {
  const filters = await services.customFilters.list(actor, query.filter_type);
  return { status: 200, body: filters.map(toCustomFilter) };
};
