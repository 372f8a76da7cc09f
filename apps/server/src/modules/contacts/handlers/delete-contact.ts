import type { Handler } from '../../../http/operation-types';

/** DELETE /api/v1/accounts/{account_id}/contacts/{id} */
export const deleteContact: Handler<'deleteContact'> = async ({ path, actor, services }) => {
  await services.contacts.delete(actor, path.id);
  return { status: 200 };
};
