import type { Schemas } from '../../http/schemas';
import type { InboxRecord } from '../inboxes/inbox-repository';

/** An API inbox as the people who write to it see it. */
export function toPublicInbox(inbox: InboxRecord): Schemas['PublicInbox'] {
  const settings = inbox.channel_settings as { hmac_mandatory?: unknown };
  return {
    identifier: inbox.inbox_identifier ?? '',
    name: inbox.name,
    timezone: inbox.timezone,
    working_hours: inbox.working_hours,
    working_hours_enabled: inbox.working_hours_enabled,
    csat_survey_enabled: inbox.csat_survey_enabled,
    greeting_enabled: inbox.greeting_enabled,
    identity_validation_enabled: settings.hmac_mandatory === true,
  };
}
