import type { Handler } from '../../../http/operation-types';
import { toCustomAttributeDefinition } from '../custom-attribute-mapper';

/** POST /api/v1/accounts/{account_id}/custom_attribute_definitions */
export const createCustomAttributeDefinition: Handler<'createCustomAttributeDefinition'> = async ({
  body,
  actor,
  services,
}) => {
  const definition = await services.customAttributes.create(actor, body);
  return { status: 200, body: toCustomAttributeDefinition(definition) };
};
