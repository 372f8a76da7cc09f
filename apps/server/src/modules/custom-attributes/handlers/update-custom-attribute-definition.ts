import type { Handler } from '../../../http/operation-types';
import { toCustomAttributeDefinition } from '../custom-attribute-mapper';

/** PATCH /api/v1/accounts/{account_id}/custom_attribute_definitions/{id} */
export const updateCustomAttributeDefinition: Handler<'updateCustomAttributeDefinition'> = async ({
  path,
  body,
  actor,
  services,
}) => {
  const definition = await services.customAttributes.update(actor, path.id, body);
  return { status: 200, body: toCustomAttributeDefinition(definition) };
};
