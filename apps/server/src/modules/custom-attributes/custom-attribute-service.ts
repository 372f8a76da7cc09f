import type { MemberActor } from '../../auth/actor';
import type { Database } from '../../db/connection';
import { isUniqueViolation } from '../../db/unique-violation';
import { appError, type FieldProblem, validationError } from '../../errors/app-error';
import { changedAttributes, changeEvent } from '../../events/change-event';
import { recordWithChange } from '../../events/record-with-change';
import type { Schemas } from '../../http/schemas';
import type { ServiceDependencies } from '../service-dependencies';
import {
  type CustomAttributeDefinitionFields,
  type CustomAttributeDefinitionRecord,
  customAttributeDefinitionRepository,
} from './custom-attribute-repository';
import {
  type AttributeModel,
  attributeModelOf,
  displayTypeOf,
  standardAttributeKeys,
} from './custom-attribute-vocabulary';

const keyTaken: FieldProblem = { attribute: 'attribute_key', message: 'has already been taken' };

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

/** The problems of a definition as it would be saved, whether new or changed. */
function problemsOf(definition: CustomAttributeDefinitionFields): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (definition.attribute_display_name.trim() === '') {
    problems.push({ attribute: 'attribute_display_name', message: "can't be blank" });
  }
  if (definition.attribute_display_type === 'list' && definition.attribute_values.length === 0) {
    problems.push({ attribute: 'attribute_values', message: 'must list at least one value for a list attribute' });
  }
  if (definition.regex_pattern !== null && !compiles(definition.regex_pattern)) {
    problems.push({ attribute: 'regex_pattern', message: 'is not a valid regular expression' });
  }
  return problems;
}

const definitionEvent = (
  name: string,
  member: MemberActor,
  definition: CustomAttributeDefinitionRecord,
  data: Record<string, unknown> = {},
) =>
  changeEvent(
    name,
    member,
    definition.account_id,
    { type: 'custom_attribute_definition', id: definition.id },
    {
      custom_attribute_definition: definition,
      ...data,
    },
  );

/** The custom attributes an account defines for its conversations, contacts and companies. */
export function customAttributeService({ db, clock, events }: ServiceDependencies) {
  const definitions = customAttributeDefinitionRepository(db);
  const changing = recordWithChange({ db, events });

  /** The account's definition; with `lock`, see `lockingRowsOf`. */
  async function find(
    member: MemberActor,
    id: number,
    database: Database = db,
    options: { lock?: boolean } = {},
  ): Promise<CustomAttributeDefinitionRecord> {
    const definition = await customAttributeDefinitionRepository(database).findById(member.account.id, id, options);
    if (!definition) throw appError('RESOURCE_NOT_FOUND');
    return definition;
  }

  return {
    async list(member: MemberActor, model: string | number | undefined): Promise<CustomAttributeDefinitionRecord[]> {
      return definitions.listByModel(member.account.id, model === undefined ? undefined : attributeModelOf(model));
    },

    async get(member: MemberActor, id: number): Promise<CustomAttributeDefinitionRecord> {
      return find(member, id);
    },

    async create(
      member: MemberActor,
      input: Schemas['CustomAttributeDefinitionCreate'],
    ): Promise<CustomAttributeDefinitionRecord> {
      const model: AttributeModel = attributeModelOf(input.attribute_model ?? 'conversation_attribute');
      const fields: CustomAttributeDefinitionFields = {
        attribute_model: model,
        attribute_key: input.attribute_key,
        attribute_display_name: input.attribute_display_name.trim(),
        attribute_display_type: displayTypeOf(input.attribute_display_type ?? 'text'),
        attribute_description: input.attribute_description ?? null,
        attribute_values: input.attribute_values ?? [],
        default_value: input.default_value ?? null,
        regex_pattern: input.regex_pattern ?? null,
        regex_cue: input.regex_cue ?? null,
      };
      const problems = problemsOf(fields);
      if (standardAttributeKeys[model].has(fields.attribute_key)) {
        problems.push({
          attribute: 'attribute_key',
          message: 'is not allowed as it might conflict with default attributes',
        });
      } else if (await definitions.findByKey(member.account.id, model, fields.attribute_key)) {
        problems.push(keyTaken);
      }
      if (problems.length > 0) throw validationError(problems);
      try {
        return await changing(
          (trx) => customAttributeDefinitionRepository(trx).insert(member.account.id, fields, clock.nowSeconds()),
          (created) => definitionEvent('custom_attribute_definition_created', member, created),
        );
      } catch (error) {
        if (isUniqueViolation(error)) throw validationError([keyTaken]);
        throw error;
      }
    },

    async update(
      member: MemberActor,
      id: number,
      input: Schemas['CustomAttributeDefinitionUpdate'],
    ): Promise<CustomAttributeDefinitionRecord> {
      const changes: Partial<CustomAttributeDefinitionFields> = {
        ...(input.attribute_display_name !== undefined && {
          attribute_display_name: input.attribute_display_name.trim(),
        }),
        ...(input.attribute_display_type !== undefined && {
          attribute_display_type: displayTypeOf(input.attribute_display_type),
        }),
        ...(input.attribute_description !== undefined && { attribute_description: input.attribute_description }),
        ...(input.attribute_values !== undefined && { attribute_values: input.attribute_values }),
        ...(input.default_value !== undefined && { default_value: input.default_value }),
        ...(input.regex_pattern !== undefined && { regex_pattern: input.regex_pattern }),
        ...(input.regex_cue !== undefined && { regex_cue: input.regex_cue }),
      };
      const now = clock.nowSeconds();
      const { committed } = await changing(
        async (trx) => {
          // Read under a lock and check the definition as it will be saved from that read: concurrent updates take
          // turns, so none can store a pair of fields that only together break a rule (a list with no values), and
          // each event compares with what the update before it committed.
          const current = await find(member, id, trx, { lock: true });
          const problems: FieldProblem[] = [];
          if (input.attribute_key !== undefined && input.attribute_key !== current.attribute_key) {
            problems.push({ attribute: 'attribute_key', message: 'cannot be changed' });
          }
          if (
            input.attribute_model !== undefined &&
            attributeModelOf(input.attribute_model) !== current.attribute_model
          ) {
            problems.push({ attribute: 'attribute_model', message: 'cannot be changed' });
          }
          problems.push(...problemsOf({ ...current, ...changes }));
          if (problems.length > 0) throw validationError(problems);
          await customAttributeDefinitionRepository(trx).update(current.id, changes, now);
          return { current, committed: { ...current, ...changes, updated_at: now } };
        },
        ({ current, committed }) =>
          definitionEvent('custom_attribute_definition_updated', member, committed, {
            changed_attributes: changedAttributes(current, changes),
          }),
      );
      return committed;
    },

    async delete(member: MemberActor, id: number): Promise<void> {
      const definition = await find(member, id);
      await changing(
        (trx) => customAttributeDefinitionRepository(trx).delete(definition.id),
        () => definitionEvent('custom_attribute_definition_deleted', member, definition),
      );
    },
  };
}

export type CustomAttributeService = ReturnType<typeof customAttributeService>;
