import type { Handler } from '../../../http/operation-types';
import { toCustomAttributeDefinition } from '../custom-attribute-mapper';

/** GET /api/v1/accounts/{account_id}/custom_attribute_definitions/{id} */
export const getCustomAttributeDefinition: Handler<'getCustomAttributeDefinition'> = async ({
  path,
  actor,
  services,
}) => {
  const definition = await services.customAttributes.get(actor, path.id);
  return { status: 200, body: toCustomAttributeDefinition(definition) };
};
