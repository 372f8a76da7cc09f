/** What a custom attribute describes, in the order of the reference's integer values. */
export const attributeModels = ['conversation_attribute', 'contact_attribute', 'company_attribute'] as const;
export type AttributeModel = (typeof attributeModels)[number];

/** How a custom attribute's value is shown and compared, in the order of the reference's integer values. */
export const displayTypes = ['text', 'number', 'currency', 'percent', 'link', 'date', 'list', 'checkbox'] as const;
export type DisplayType = (typeof displayTypes)[number];

/**
 * Keys each model already has, which a custom attribute may not take, so that a custom attribute is never shadowed
 * by one of them: for conversations, the standard keys of their filter; for contacts, the reference's standard
 * attributes and the keys their filter interprets; for companies, the reference's standard attributes.
 */
export const standardAttributeKeys: Record<AttributeModel, ReadonlySet<string>> = {
  conversation_attribute: new Set([
    'status',
    'priority',
    'browser_language',
    'conversation_language',
    'contact_id',
    'assignee_id',
    'inbox_id',
    'team_id',
    'campaign_id',
    'labels',
    'display_id',
    'referer',
    'mail_subject',
    'created_at',
    'last_activity_at',
  ]),
  contact_attribute: new Set([
    'name',
    'email',
    'phone_number',
    'identifier',
    'country_code',
    'city',
    'company',
    'company_name',
    'labels',
    'created_at',
    'last_activity_at',
    'referer',
    'blocked',
  ]),
  company_attribute: new Set([
    'name',
    'domain',
    'description',
    'contacts_count',
    'created_at',
    'updated_at',
    'last_activity_at',
  ]),
};

/** A name of `names`, given as itself or as its integer value (a number in bodies, digits in query strings). */
function nameOf<Name extends string>(names: readonly Name[], value: string | number): Name {
  const name = typeof value === 'number' || /^\d+$/.test(value) ? names[Number(value)] : value;
  if (!names.includes(name as Name)) throw new Error(`"${value}" is none of ${names.join(', ')}`);
  return name as Name;
}

/** The model a request names, by name or by integer value; the request validator has already checked it. */
export const attributeModelOf = (value: string | number): AttributeModel => nameOf(attributeModels, value);

/** The display type a request names, by name or by integer value; the request validator has already checked it. */
export const displayTypeOf = (value: string | number): DisplayType => nameOf(displayTypes, value);
