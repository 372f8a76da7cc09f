import type { Handler } from '../../../http/operation-types';

/** DELETE /api/v1/accounts/{account_id}/custom_attribute_definitions/{id} */
export const deleteCustomAttributeDefinition: Handler<'deleteCustomAttributeDefinition'> = async ({
  path,
  actor,
  services,
}) => {
  await services.customAttributes.delete(actor, path.id);
  return { status: 200 };
};
