import type { Schemas } from '../../../http/operation-types';
import type { ChannelType, InboxFields, InboxRecord } from '../inbox-repository';

export type ChannelKind = Schemas['InboxChannelCreate']['type'];
export type ChannelField = keyof Schemas['InboxChannelUpdate'];

/** Who looks at an inbox: it decides which secrets are shown, and the origin of the links handed out. */
export interface InboxViewer {
  administrator: boolean;
  origin: string;
}

export type ChannelTokens = Pick<InboxFields, 'inbox_identifier' | 'website_token' | 'hmac_token'>;

/** What differs between channel types: their settings, their generated tokens and their fields in an Inbox. */
export interface ChannelDefinition {
  /** The `channel.type` that creates it. */
  kind: ChannelKind;
  channelType: ChannelType;
  /** The `channel` fields an administrator may set, at creation and later. */
  fields: readonly ChannelField[];
  /** The stored settings of a new channel, before the given ones apply. */
  defaults(): Record<string, unknown>;
  /** The public identifiers and secrets generated with a new channel. */
  newTokens(): ChannelTokens;
  /** The fields this channel type adds to the Inbox response. */
  present(inbox: InboxRecord, viewer: InboxViewer): Partial<Schemas['Inbox']>;
}
