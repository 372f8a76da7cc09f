/** How an app is connected: through the hooks API with settings, or by signing in to its provider, which this server does not do. */
type Connection =
  | { kind: 'settings'; required: readonly string[]; visible: readonly string[] }
  | { kind: 'oauth' }
  | { kind: 'elsewhere'; managedBy: string };

export interface IntegrationApp {
  id: string;
  name: string;
  description: string;
  shortDescription: string;
  hookType: 'account' | 'inbox';
  allowMultipleHooks: boolean;
  /** Where the dashboard sends an administrator to connect the app. */
  action: string;
  connection: Connection;
}

/**
 * The apps the catalogue lists, with the reference's ids, so that integrations that configure them keep working.
 * Their hooks are stored; no provider is ever called.
 */
export const integrationApps: readonly IntegrationApp[] = [
  {
    id: 'webhook',
    name: 'Webhooks',
    description: 'Post the events of the account to addresses of your own, signed, as they happen.',
    shortDescription: 'Events to your own endpoints.',
    hookType: 'account',
    allowMultipleHooks: true,
    action: '/webhook',
    connection: { kind: 'elsewhere', managedBy: 'the webhooks API' },
  },
  {
    id: 'dashboard_apps',
    name: 'Dashboard Apps',
    description: 'Show pages of your own beside conversations, with the conversation and contact handed to them.',
    shortDescription: 'Your pages beside conversations.',
    hookType: 'account',
    allowMultipleHooks: true,
    action: '/dashboard_apps',
    connection: { kind: 'elsewhere', managedBy: 'the dashboard apps API' },
  },
  {
    id: 'dialogflow',
    name: 'Dialogflow',
    description: 'Let a Dialogflow agent answer the conversations of an inbox before handing them to people.',
    shortDescription: 'A Dialogflow bot for an inbox.',
    hookType: 'inbox',
    allowMultipleHooks: true,
    action: '/dialogflow',
    connection: { kind: 'settings', required: ['project_id', 'credentials'], visible: ['project_id', 'region'] },
  },
  {
    id: 'google_translate',
    name: 'Google Translate',
    description: 'Translate messages between the language of the contact and the language of the agents.',
    shortDescription: 'Message translation.',
    hookType: 'account',
    allowMultipleHooks: false,
    action: '/google_translate',
    connection: { kind: 'settings', required: ['project_id', 'credentials'], visible: ['project_id'] },
  },
  {
    id: 'openai',
    name: 'OpenAI',
    description: 'Suggest replies, summaries and labels with an OpenAI model of your account.',
    shortDescription: 'Reply and label suggestions.',
    hookType: 'account',
    allowMultipleHooks: false,
    action: '/openai',
    connection: { kind: 'settings', required: ['api_key'], visible: ['label_suggestion'] },
  },
  {
    id: 'dyte',
    name: 'Dyte',
    description: 'Start video calls with contacts from a conversation.',
    shortDescription: 'Video calls.',
    hookType: 'account',
    allowMultipleHooks: false,
    action: '/dyte',
    connection: { kind: 'settings', required: ['api_key', 'organization_id'], visible: ['organization_id'] },
  },
  {
    id: 'slack',
    name: 'Slack',
    description: 'Follow and answer conversations from a Slack channel.',
    shortDescription: 'Conversations in Slack.',
    hookType: 'account',
    allowMultipleHooks: false,
    action: 'https://slack.com/oauth/v2/authorize',
    connection: { kind: 'oauth' },
  },
  {
    id: 'linear',
    name: 'Linear',
    description: 'Create and link Linear issues from conversations.',
    shortDescription: 'Issues from conversations.',
    hookType: 'account',
    allowMultipleHooks: false,
    action: 'https://linear.app/oauth/authorize',
    connection: { kind: 'oauth' },
  },
  {
    id: 'shopify',
    name: 'Shopify',
    description: 'See the orders of a contact from a Shopify store beside the conversation.',
    shortDescription: 'Orders beside conversations.',
    hookType: 'account',
    allowMultipleHooks: false,
    action: '/shopify',
    connection: { kind: 'oauth' },
  },
];

export const integrationAppById = new Map(integrationApps.map((app) => [app.id, app]));
