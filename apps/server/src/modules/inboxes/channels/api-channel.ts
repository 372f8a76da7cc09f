import { randomUUID } from 'node:crypto';
import type { Schemas } from '../../../http/schemas';
import { randomToken } from '../../access-tokens/random-token';
import type { ChannelDefinition } from './channel-definition';

type ApiSettings = Required<Schemas['ApiChannelSettings']>;

/** A channel driven through the client API, found by its public `inbox_identifier`. */
export const apiChannel: ChannelDefinition = {
  kind: 'api',
  channelType: 'Channel::Api',
  fields: ['webhook_url', 'hmac_mandatory', 'additional_attributes'],
  defaults: (): ApiSettings => ({ webhook_url: null, hmac_mandatory: false, additional_attributes: {} }),
  newTokens: () => ({
    inbox_identifier: randomToken(),
    website_token: null,
    hmac_token: randomToken(),
    secret: randomToken(),
  }),
  contactSourcing: {
    requiredField: null,
    newSourceId: () => randomUUID(),
    // The API channel's own system opens conversations with anyone, under their session or a new one.
    reachableAs: (_contact, latestSourceId) => latestSourceId ?? randomUUID(),
  },
  present(inbox, viewer) {
    const settings = inbox.channel_settings as ApiSettings;
    return {
      webhook_url: settings.webhook_url || null,
      inbox_identifier: inbox.inbox_identifier ?? '',
      hmac_mandatory: settings.hmac_mandatory,
      additional_attributes: settings.additional_attributes,
      ...(viewer.administrator && { hmac_token: inbox.hmac_token ?? '', secret: inbox.secret ?? '' }),
    };
  },
};
