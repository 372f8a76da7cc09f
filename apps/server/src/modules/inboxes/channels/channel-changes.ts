import { validationError } from '../../../errors/app-error';
import { channelFields } from './channel-catalogue';
import type { ChannelDefinition, ChannelField } from './channel-definition';

/** What the `channel` object of a request changes: the stored settings, and the email address when given. */
export interface ChannelChanges {
  settings: Record<string, unknown>;
  emailAddress?: string;
}

/**
 * The given fields that belong to this channel type. A field of another channel type is refused, naming it;
 * `type` and fields no channel knows are left aside.
 */
export function channelChanges(channel: ChannelDefinition, given: object): ChannelChanges {
  const settings: Record<string, unknown> = {};
  const foreign: string[] = [];
  for (const [field, value] of Object.entries(given)) {
    if (value === undefined || !channelFields.has(field as ChannelField)) continue;
    if (channel.fields.includes(field as ChannelField)) settings[field] = value;
    else foreign.push(field);
  }
  if (foreign.length > 0) {
    throw validationError(
      foreign.map((field) => ({
        attribute: `channel.${field}`,
        message: `does not apply to a ${channel.channelType} inbox`,
      })),
    );
  }
  const { email, ...rest } = settings;
  if (rest.webhook_url === '') rest.webhook_url = null;
  return { settings: rest, ...(typeof email === 'string' && { emailAddress: email.toLowerCase() }) };
}
