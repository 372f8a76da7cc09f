import type { Handler } from '../../../http/operation-types';
import { toCustomFilter } from '../custom-filter-mapper';

/** POST /api/v1/accounts/{account_id}/custom_filters */
export const createCustomFilter: Handler<'createCustomFilter'> = async ({ body, actor, services }) => {
  const filter = await services.customFilters.create(actor, body);
  return { status: 200, body: toCustomFilter(filter) };
};
