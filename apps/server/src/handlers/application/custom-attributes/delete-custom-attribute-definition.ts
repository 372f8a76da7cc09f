import { memberOf } from '../../../auth/account-member';
import type { Handler } from '../../../http/operation-types';

/** DELETE /api/v1/accounts/{account_id}/custom_attribute_definitions/{id} */
export const deleteCustomAttributeDefinition: Handler<'deleteCustomAttributeDefinition'> = async ({
  path,
  member,
  services,
}) => {
  await services.customAttributes.delete(memberOf(member), path.id);
  return { status: 200 };
};
