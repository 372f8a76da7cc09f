import type { Schemas } from '../../../http/schemas';
import type { ChannelType, InboxFields, InboxRecord } from '../inbox-repository';

export type ChannelKind = Schemas['InboxChannelCreate']['type'];
export type ChannelField = keyof Schemas['InboxChannelUpdate'];

/** Who looks at an inbox: it decides which secrets are shown, and the origin of the links handed out. */
export interface InboxViewer {
  administrator: boolean;
  origin: string;
}

/** What a channel reads of a contact to know them. */
export interface ContactAddress {
  email: string | null;
  phone_number: string | null;
}

/** How a channel knows a contact: the source id of their session in an inbox. */
export interface ContactSourcing {
  /** The contact field the channel addresses them by, which they must have; none when it makes up an id. */
  requiredField: keyof ContactAddress | null;
  /** The source id of a new session when none is given; undefined when the contact lacks `requiredField`. */
  newSourceId(contact: ContactAddress): string | undefined;
  /**
   * The source id a conversation with the contact would start with, given their latest session in the inbox;
   * undefined when no conversation can start through the inbox.
   */
  reachableAs(contact: ContactAddress, latestSourceId: string | undefined): string | undefined;
}

export type ChannelTokens = Pick<InboxFields, 'inbox_identifier' | 'website_token' | 'hmac_token' | 'secret'>;

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
  contactSourcing: ContactSourcing;
  /** The fields this channel type adds to the Inbox response. */
  present(inbox: InboxRecord, viewer: InboxViewer): Partial<Schemas['Inbox']>;
}
