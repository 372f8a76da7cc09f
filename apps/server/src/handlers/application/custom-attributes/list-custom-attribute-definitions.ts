import { memberOf } from '../../../auth/account-member';
import type { Handler } from '../../../http/operation-types';
import { toCustomAttributeDefinition } from '../../../modules/custom-attributes/custom-attribute-mapper';

/** GET /api/v1/accounts/{account_id}/custom_attribute_definitions */
export const listCustomAttributeDefinitions: Handler<'listCustomAttributeDefinitions'> = async ({
  query,
  member,
  services,
}) => {
  const definitions = await services.customAttributes.list(memberOf(member), query.attribute_model);
  return { status: 200, body: definitions.map(toCustomAttributeDefinition) };
};
