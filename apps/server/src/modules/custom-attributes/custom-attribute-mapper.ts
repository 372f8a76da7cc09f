import { isoTime } from '../../http/iso-time';
import type { Schemas } from '../../http/schemas';
import type { CustomAttributeDefinitionRecord } from './custom-attribute-repository';

/** A custom attribute definition as the API shows it. */
export function toCustomAttributeDefinition(
  definition: CustomAttributeDefinitionRecord,
): Schemas['CustomAttributeDefinition'] {
  return {
    id: definition.id,
    account_id: definition.account_id,
    attribute_display_name: definition.attribute_display_name,
    attribute_display_type: definition.attribute_display_type,
    attribute_description: definition.attribute_description,
    attribute_key: definition.attribute_key,
    regex_pattern: definition.regex_pattern,
    regex_cue: definition.regex_cue,
    attribute_values: definition.attribute_values,
    attribute_model: definition.attribute_model,
    default_value: definition.default_value,
    created_at: isoTime(definition.created_at),
    updated_at: isoTime(definition.updated_at),
  };
}
