import { appError } from '../../../errors/app-error';
import type { Handler } from '../../../http/operation-types';

/** POST /api/v1/accounts/{account_id}/contacts/filter */
export const filterContacts: Handler<'filterContacts'> = async () => {
  throw appError('NOT_IMPLEMENTED');
};
