import type { Handler } from '../../../http/operation-types';
import { toCustomAttributeDefinition } from '../custom-attribute-mapper';

/** GET /api/v1/accounts/{account_id}/custom_attribute_definitions */
export const listCustomAttributeDefinitions: Handler<'listCustomAttributeDefinitions'> = async ({
  query,
  actor,
  services,
}) => {
  const definitions = await services.customAttributes.list(actor, query.attribute_model);
  return { status: 200, body: definitions.map(toCustomAttributeDefinition) };
};
