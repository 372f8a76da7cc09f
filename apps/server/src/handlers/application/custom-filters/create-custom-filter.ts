import { memberOf } from '../../../auth/account-member';
import type { Handler } from '../../../http/operation-types';
import { toCustomFilter } from '../../../modules/custom-filters/custom-filter-mapper';

/** POST /api/v1/accounts/{account_id}/custom_filters */
export const createCustomFilter: Handler<'createCustomFilter'> = async ({ body, member, services }) => {
  const filter = await services.customFilters.create(memberOf(member), body);
  return { status: 200, body: toCustomFilter(filter) };
};
