import type { ChannelType } from '../inbox-repository';
import { apiChannel } from './api-channel';
import type { ChannelDefinition, ChannelField, ChannelKind } from './channel-definition';
import { emailChannel } from './email-channel';
import { webWidgetChannel } from './web-widget-channel';

const channels: readonly ChannelDefinition[] = [apiChannel, webWidgetChannel, emailChannel];

/** Every field some channel type accepts under `channel`. */
export const channelFields: ReadonlySet<ChannelField> = new Set(channels.flatMap((channel) => channel.fields));

/** The channel type a create request names; the request validator admits only these. */
export function channelOfKind(kind: ChannelKind): ChannelDefinition {
  const channel = channels.find((candidate) => candidate.kind === kind);
  if (!channel) throw new Error(`no channel of kind ${kind}`);
  return channel;
}

/** The channel type of a stored inbox. */
export function channelOfType(channelType: ChannelType): ChannelDefinition {
  const channel = channels.find((candidate) => candidate.channelType === channelType);
  if (!channel) throw new Error(`no channel of type ${channelType}`);
  return channel;
}
