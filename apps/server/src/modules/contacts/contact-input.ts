import type { FieldProblem } from '../../errors/app-error';
import { validationError } from '../../errors/app-error';
import type { Schemas } from '../../http/schemas';
import type { ContactFields, ContactRecord } from './contact-repository';

type ContactInput = Schemas['ContactFields'];

// E.164: a plus sign, then a country code that does not start with 0, and at most 15 digits in all.
const e164 = /^\+[1-9]\d{1,14}$/;
// The shape of an address, not its deliverability: something, one @, a domain with a dot.
const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An empty or blank value clears the field. */
const presentOrNull = (value: string | null | undefined): string | null =>
  value === null || value === undefined || value.trim() === '' ? null : value.trim();

/**
 * The stored fields a create or update request gives, checked and normalised: the email lower-cased, blanks turned
 * into nulls, and attribute objects merged into `current` key by key on update. Invalid values are one 422 naming
 * every offending field.
 */
export function contactChanges(input: ContactInput, current?: ContactRecord): Partial<ContactFields> {
  const changes: Partial<ContactFields> = {};
  const problems: FieldProblem[] = [];

  if (input.name !== undefined) changes.name = input.name.trim();
  if (input.email !== undefined) {
    const email = presentOrNull(input.email)?.toLowerCase() ?? null;
    if (email !== null && !emailShape.test(email)) problems.push({ attribute: 'email', message: 'is invalid' });
    changes.email = email;
  }
  if (input.phone_number !== undefined) {
    const phoneNumber = presentOrNull(input.phone_number);
    if (phoneNumber !== null && !e164.test(phoneNumber)) {
      problems.push({ attribute: 'phone_number', message: 'should be in e164 format' });
    }
    changes.phone_number = phoneNumber;
  }
  if (input.identifier !== undefined) changes.identifier = presentOrNull(input.identifier);
  if (input.avatar_url !== undefined) changes.avatar_url = presentOrNull(input.avatar_url);
  if (input.blocked !== undefined) changes.blocked = input.blocked;
  if (input.additional_attributes !== undefined) {
    changes.additional_attributes = { ...current?.additional_attributes, ...input.additional_attributes };
  }
  if (input.custom_attributes !== undefined) {
    changes.custom_attributes = { ...current?.custom_attributes, ...input.custom_attributes };
  }

  if (problems.length > 0) throw validationError(problems);
  return changes;
}

/** The fields of a new contact: what the request gives over the defaults. */
export function newContactFields(input: ContactInput): ContactFields {
  return {
    name: '',
    email: null,
    phone_number: null,
    identifier: null,
    blocked: false,
    avatar_url: null,
    additional_attributes: {},
    custom_attributes: {},
    last_activity_at: null,
    ...contactChanges(input),
  };
}
