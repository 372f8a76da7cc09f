import { validationError } from '../../errors/app-error';
import type { Schemas } from '../../http/schemas';
import type { InboxFields } from './inbox-repository';
import { changeWorkingHours, defaultWorkingHours, type WorkingHour } from './working-hours';

type SettingFields = Omit<
  InboxFields,
  | 'account_id'
  | 'name'
  | 'channel_type'
  | 'inbox_identifier'
  | 'website_token'
  | 'email_address'
  | 'hmac_token'
  | 'secret'
  | 'channel_settings'
>;

/** The settings of a new inbox before the given ones apply, as in the reference. */
export function defaultInboxSettings(): SettingFields {
  return {
    enable_auto_assignment: true,
    auto_assignment_config: {},
    greeting_enabled: false,
    greeting_message: null,
    enable_email_collect: true,
    csat_survey_enabled: false,
    csat_config: {},
    working_hours_enabled: false,
    out_of_office_message: null,
    timezone: 'UTC',
    allow_messages_after_resolved: true,
    lock_to_single_conversation: false,
    sender_name_type: 'friendly',
    business_name: null,
    working_hours: defaultWorkingHours(),
  };
}

const copiedSettings = [
  'greeting_enabled',
  'greeting_message',
  'enable_auto_assignment',
  'auto_assignment_config',
  'enable_email_collect',
  'csat_survey_enabled',
  'csat_config',
  'working_hours_enabled',
  'out_of_office_message',
  'allow_messages_after_resolved',
  'lock_to_single_conversation',
  'sender_name_type',
  'business_name',
] as const satisfies ReadonlyArray<keyof Schemas['InboxSettings'] & keyof SettingFields>;

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The stored fields the given settings change, checked; `week` is the working hours they start from. */
export function settingChanges(input: Schemas['InboxSettings'], week: WorkingHour[]): Partial<InboxFields> {
  const changes: Partial<InboxFields> = {};
  for (const field of copiedSettings) {
    if (input[field] !== undefined) Object.assign(changes, { [field]: input[field] });
  }
  if (input.name !== undefined) changes.name = input.name.trim();
  if (input.timezone !== undefined) {
    if (!isTimeZone(input.timezone)) {
      throw validationError([{ attribute: 'timezone', message: 'is not a known time zone' }]);
    }
    changes.timezone = input.timezone;
  }
  if (input.working_hours !== undefined) changes.working_hours = changeWorkingHours(week, input.working_hours);
  return changes;
}
