import { randomUUID } from 'node:crypto';
import type { Schemas } from '../../../http/schemas';
import { randomToken } from '../../access-tokens/random-token';
import type { ChannelDefinition } from './channel-definition';

type WebWidgetSettings = Required<Schemas['WebWidgetChannelSettings']>;

const defaultPreChatForm = {
  pre_chat_message: 'Share your queries or comments here.',
  pre_chat_fields: [
    { field_type: 'standard', label: 'Email Id', name: 'emailAddress', type: 'email', required: true, enabled: false },
    { field_type: 'standard', label: 'Full name', name: 'fullName', type: 'text', required: false, enabled: false },
    {
      field_type: 'standard',
      label: 'Phone number',
      name: 'phoneNumber',
      type: 'text',
      required: false,
      enabled: false,
    },
  ],
};

// Values are written as JSON string literals with `<` escaped, so neither a quote nor `</script>` can end them.
const scriptLiteral = (value: string) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * The HTML that embeds the widget: it loads the widget script from this server and starts it with the website
 * token, the way embeds made for the reference server do.
 */
function webWidgetScript(origin: string, websiteToken: string): string {
  return [
    '<script>',
    '  (function (d, t) {',
    `    var baseUrl = ${scriptLiteral(origin)};`,
    '    var script = d.createElement(t);',
    '    script.src = baseUrl + "/packs/js/sdk.js";',
    '    script.async = true;',
    '    script.onload = function () {',
    `      window.chatwootSDK.run({ websiteToken: ${scriptLiteral(websiteToken)}, baseUrl: baseUrl });`,
    '    };',
    '    d.head.appendChild(script);',
    '  })(document, "script");',
    '</script>',
  ].join('\n');
}

/** A live-chat widget on a website, found by its public `website_token`. */
export const webWidgetChannel: ChannelDefinition = {
  kind: 'web_widget',
  channelType: 'Channel::WebWidget',
  fields: [
    'website_url',
    'widget_color',
    'welcome_title',
    'welcome_tagline',
    'reply_time',
    'pre_chat_form_enabled',
    'pre_chat_form_options',
    'hmac_mandatory',
    'selected_feature_flags',
  ],
  defaults: (): WebWidgetSettings => ({
    website_url: '',
    widget_color: '#1f93ff',
    welcome_title: null,
    welcome_tagline: null,
    reply_time: 'in_a_few_minutes',
    pre_chat_form_enabled: false,
    pre_chat_form_options: defaultPreChatForm,
    hmac_mandatory: false,
    selected_feature_flags: ['attachments', 'emoji_picker', 'end_conversation'],
  }),
  newTokens: () => ({
    inbox_identifier: null,
    website_token: randomToken(),
    hmac_token: randomToken(),
    secret: null,
  }),
  contactSourcing: {
    requiredField: null,
    newSourceId: () => randomUUID(),
    // A website visitor can be written to only in a session their browser opened.
    reachableAs: (_contact, latestSourceId) => latestSourceId,
  },
  present(inbox, viewer) {
    const settings = inbox.channel_settings as WebWidgetSettings;
    const websiteToken = inbox.website_token ?? '';
    return {
      widget_color: settings.widget_color,
      website_url: settings.website_url,
      hmac_mandatory: settings.hmac_mandatory,
      welcome_title: settings.welcome_title,
      welcome_tagline: settings.welcome_tagline,
      web_widget_script: webWidgetScript(viewer.origin, websiteToken),
      website_token: websiteToken,
      selected_feature_flags: settings.selected_feature_flags,
      reply_time: settings.reply_time,
      pre_chat_form_enabled: settings.pre_chat_form_enabled,
      pre_chat_form_options: settings.pre_chat_form_options,
      ...(viewer.administrator && { hmac_token: inbox.hmac_token ?? '' }),
    };
  },
};
