import type { Knex } from 'knex';
import type { Tables } from 'knex/types/tables';
import type { ActorReference } from '../events/domain-event';
import type { CsatConfig } from '../modules/csat/csat-config';
import type { AttributeModel, DisplayType } from '../modules/custom-attributes/custom-attribute-vocabulary';
import type { WorkingHour } from '../modules/inboxes/working-hours';
import type { WebhookEvent } from '../modules/webhooks/webhook-events';
import type {
  AccountStatus,
  AttachmentFileType,
  Availability,
  ChannelType,
  ConversationPriority,
  ConversationStatus,
  CustomFilterType,
  MessageContentType,
  MessageSenderType,
  MessageStatus,
  MessageType,
  PermissibleType,
  Role,
  SenderNameType,
  TokenOwnerType,
} from './column-values';
import type { JsonText, StoredJson } from './json-column';

// The tables the migrations create, one interface each, with their columns as the server writes them: booleans as
// booleans, JSON as the text `writeJson` makes, enumerations as the values the server stores. Rows read back differ
// where the engines differ (`StoredRow`); inserts leave out what the database fills in (`InsertedRow`). They are kept
// together, in the order of the migrations, because a migration creates the tables of several modules and several
// modules query one table: this file is checked against the migrations as a whole.

/** A boolean column as read: 0 or 1 from SQLite, which has no boolean type; true or false from PostgreSQL. */
type StoredBoolean = boolean | 0 | 1;

/** A row as the engines give it back. Bigint columns come back as numbers from both: see `connection.ts`. */
type StoredRow<Columns> = {
  [Column in keyof Columns]: Columns[Column] extends JsonText<infer Value>
    ? StoredJson<Value>
    : Columns[Column] extends boolean
      ? StoredBoolean
      : Columns[Column];
};

type NullableColumn<Columns> = {
  [Column in keyof Columns]: null extends Columns[Column] ? Column : never;
}[keyof Columns];

/**
 * What an insert gives: every column but the `Generated` ones, which the database computes (the id, generated
 * columns); the `Defaulted` ones and those allowing NULL may be left out.
 */
type InsertedRow<Columns, Generated extends keyof Columns, Defaulted extends keyof Columns> = {
  [Column in Exclude<keyof Columns, Generated | Defaulted | NullableColumn<Columns>>]: Columns[Column];
} & {
  [Column in Exclude<Defaulted | NullableColumn<Columns>, Generated>]?: Columns[Column];
};

/** A row as repositories hand it to services: JSON columns parsed, booleans as booleans. */
export type DecodedRow<Columns> = {
  [Column in keyof Columns]: Columns[Column] extends JsonText<infer Value> ? Value : Columns[Column];
};

/** A table's rows as read, inserted and updated; an update changes any columns an insert gives. */
type Table<
  Columns extends object,
  Defaulted extends keyof Columns = never,
  Generated extends keyof Columns = 'id' & keyof Columns,
> = Knex.CompositeTableType<
  StoredRow<Columns>,
  InsertedRow<Columns, Generated, Defaulted>,
  Partial<InsertedRow<Columns, Generated, Defaulted>>
>;

// 0001-foundation

interface PlatformAppColumns {
  id: number;
  name: string;
  created_at: number;
  updated_at: number;
}

interface AccountColumns {
  id: number;
  name: string;
  locale: string;
  domain: string | null;
  support_email: string | null;
  status: AccountStatus;
  custom_attributes: JsonText<Record<string, unknown>>;
  limits: JsonText<Record<string, number>>;
  created_at: number;
  updated_at: number;
}

export interface UserColumns {
  id: number;
  name: string;
  display_name: string | null;
  /** Lower-cased. */
  email: string;
  encrypted_password: string | null;
  confirmed_at: number | null;
  pubsub_token: string;
  ui_settings: JsonText<Record<string, unknown>>;
  message_signature: string | null;
  custom_attributes: JsonText<Record<string, unknown>>;
  created_at: number;
  updated_at: number;
}

interface AccountUserColumns {
  id: number;
  account_id: number;
  user_id: number;
  role: Role;
  inviter_id: number | null;
  availability: Availability;
  auto_offline: boolean;
  active_at: number | null;
  created_at: number;
  updated_at: number;
}

interface AgentBotColumns {
  id: number;
  name: string;
  description: string | null;
  outgoing_url: string | null;
  /** Null for a system bot, which every account may use. */
  account_id: number | null;
  bot_type: 'webhook';
  bot_config: JsonText<Record<string, unknown>>;
  /** Signs what is posted to `outgoing_url`. */
  secret: string | null;
  created_at: number;
  updated_at: number;
}

interface AccessTokenColumns {
  id: number;
  owner_type: TokenOwnerType;
  owner_id: number;
  token: string;
  created_at: number;
  updated_at: number;
}

interface PlatformAppPermissibleColumns {
  id: number;
  platform_app_id: number;
  permissible_type: PermissibleType;
  permissible_id: number;
  created_at: number;
}

interface SsoLoginTokenColumns {
  id: number;
  user_id: number;
  token_digest: string;
  expires_at: number;
  used_at: number | null;
  created_at: number;
}

// 0002-account-administration

interface TeamColumns {
  id: number;
  account_id: number;
  name: string;
  /** The name lower-cased, unique in the account. */
  name_key: string;
  description: string | null;
  allow_auto_assign: boolean;
  created_at: number;
  updated_at: number;
}

interface TeamMemberColumns {
  id: number;
  team_id: number;
  user_id: number;
  created_at: number;
}

export interface InboxColumns {
  id: number;
  account_id: number;
  name: string;
  channel_type: ChannelType;
  enable_auto_assignment: boolean;
  auto_assignment_config: JsonText<Record<string, unknown>>;
  greeting_enabled: boolean;
  greeting_message: string | null;
  enable_email_collect: boolean;
  csat_survey_enabled: boolean;
  working_hours_enabled: boolean;
  out_of_office_message: string | null;
  timezone: string;
  allow_messages_after_resolved: boolean;
  lock_to_single_conversation: boolean;
  sender_name_type: SenderNameType;
  business_name: string | null;
  working_hours: JsonText<WorkingHour[]>;
  inbox_identifier: string | null;
  website_token: string | null;
  email_address: string | null;
  hmac_token: string | null;
  channel_settings: JsonText<Record<string, unknown>>;
  csat_config: JsonText<CsatConfig>;
  /** API channels: signs what is posted to the channel's `webhook_url`. */
  secret: string | null;
  created_at: number;
  updated_at: number;
}

interface InboxMemberColumns {
  id: number;
  inbox_id: number;
  user_id: number;
  created_at: number;
}

interface AgentBotInboxColumns {
  id: number;
  inbox_id: number;
  agent_bot_id: number;
  account_id: number;
  created_at: number;
}

interface CannedResponseColumns {
  id: number;
  account_id: number;
  short_code: string;
  content: string;
  created_at: number;
  updated_at: number;
}

export interface CustomAttributeDefinitionColumns {
  id: number;
  account_id: number;
  attribute_model: AttributeModel;
  attribute_key: string;
  attribute_display_name: string;
  attribute_display_type: DisplayType;
  attribute_description: string | null;
  attribute_values: JsonText<string[]>;
  default_value: string | null;
  regex_pattern: string | null;
  regex_cue: string | null;
  created_at: number;
  updated_at: number;
}

interface CustomFilterColumns {
  id: number;
  account_id: number;
  user_id: number;
  name: string;
  filter_type: CustomFilterType;
  query: JsonText<Record<string, unknown>>;
  created_at: number;
  updated_at: number;
}

// 0003-contacts

export interface ContactColumns {
  id: number;
  account_id: number;
  name: string;
  /** Lower-cased. */
  email: string | null;
  phone_number: string | null;
  identifier: string | null;
  blocked: boolean;
  avatar_url: string | null;
  additional_attributes: JsonText<Record<string, unknown>>;
  custom_attributes: JsonText<Record<string, unknown>>;
  last_activity_at: number | null;
  created_at: number;
  updated_at: number;
  /** `additional_attributes.country_code` lower-cased, which the database generates. */
  country_code: string | null;
}

export interface ContactInboxColumns {
  id: number;
  contact_id: number;
  inbox_id: number;
  source_id: string;
  hmac_verified: boolean;
  /** What the contact's realtime connection subscribes with; sessions from before migration 0011 get it on first use. */
  pubsub_token: string | null;
  created_at: number;
  updated_at: number;
}

interface ContactLabelColumns {
  id: number;
  account_id: number;
  contact_id: number;
  /** Lower-cased and trimmed. */
  label: string;
  created_at: number;
}

// 0004-domain-events

interface DomainEventColumns {
  id: number;
  name: string;
  account_id: number | null;
  subject_type: string;
  subject_id: number;
  actor_type: ActorReference['type'];
  actor_id: number | null;
  data: JsonText<Record<string, unknown>>;
  occurred_at: number;
}

interface EventConsumerColumns {
  id: number;
  name: string;
  position_event_id: number;
  attempts: number;
  retry_at: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

// 0005-caller-stamp

interface CallerStampColumns {
  /** Always 1: the table holds one row. */
  id: number;
  version: number;
}

// 0006-conversations

interface ConversationDisplayIdColumns {
  account_id: number;
  last_value: number;
}

export interface ConversationColumns {
  id: number;
  account_id: number;
  inbox_id: number;
  contact_id: number;
  contact_inbox_id: number | null;
  display_id: number;
  uuid: string;
  status: ConversationStatus;
  priority: ConversationPriority | null;
  assignee_id: number | null;
  assignee_agent_bot_id: number | null;
  team_id: number | null;
  campaign_id: number | null;
  snoozed_until: number | null;
  waiting_since: number | null;
  first_reply_created_at: number | null;
  agent_last_seen_at: number | null;
  assignee_last_seen_at: number | null;
  contact_last_seen_at: number | null;
  last_activity_at: number;
  last_message_id: number | null;
  last_non_activity_message_id: number | null;
  additional_attributes: JsonText<Record<string, unknown>>;
  custom_attributes: JsonText<Record<string, unknown>>;
  created_at: number;
  /** Milliseconds. */
  updated_at: number;
}

interface ConversationLabelColumns {
  id: number;
  account_id: number;
  conversation_id: number;
  /** Lower-cased and trimmed. */
  label: string;
  created_at: number;
}

export interface MessageColumns {
  id: number;
  account_id: number;
  inbox_id: number;
  conversation_id: number;
  message_type: MessageType;
  content_type: MessageContentType;
  content: string | null;
  private: boolean;
  status: MessageStatus;
  source_id: string | null;
  sender_type: MessageSenderType | null;
  sender_id: number | null;
  content_attributes: JsonText<Record<string, unknown>>;
  additional_attributes: JsonText<Record<string, unknown>>;
  external_source_ids: JsonText<Record<string, unknown>>;
  created_at: number;
  updated_at: number;
}

export interface AttachmentColumns {
  id: number;
  account_id: number;
  message_id: number;
  file_type: AttachmentFileType;
  /** Where the storage keeps the file: a random key no one can guess. */
  storage_key: string;
  /** The file's name as it was uploaded, without any folder. */
  file_name: string;
  /** The media type the uploader declared, without parameters: `image/png`. */
  content_type: string;
  /** The file name's extension without its dot (`png`); null when the name has none. */
  extension: string | null;
  /** In bytes. */
  file_size: number;
  /** In pixels, for an image whose header tells them; null otherwise. */
  width: number | null;
  height: number | null;
  created_at: number;
}

// 0007-server-secrets

interface ServerSecretColumns {
  id: number;
  name: string;
  value: string;
  created_at: number;
}

// 0008-conversation-tallies

interface ConversationTallyColumns {
  account_id: number;
  /** A lower-cased label, or `everyConversation` for the tallies of every conversation. */
  label: string;
  status: ConversationStatus;
  inbox_id: number;
  /** The user holding the conversations, or `noAssignee`. */
  assignee_id: number;
  /** Whether an agent bot holds the conversations. */
  held_by_bot: boolean;
  count: number;
}

// 0012-csat-surveys

interface CsatSurveyResponseColumns {
  id: number;
  account_id: number;
  conversation_id: number;
  /** The survey message answered; one answer per survey, replaced when the contact answers again. */
  message_id: number;
  contact_id: number;
  /** The conversation's assignee when the contact first answered: the agent the rating credits. */
  assigned_agent_id: number | null;
  rating: number;
  feedback_message: string | null;
  created_at: number;
  updated_at: number;
}

// 0013-webhooks

interface WebhookColumns {
  id: number;
  account_id: number;
  /** Stored and shown only: as in the reference, it does not narrow the events delivered. */
  inbox_id: number | null;
  name: string | null;
  url: string;
  subscriptions: JsonText<WebhookEvent[]>;
  secret: string;
  created_at: number;
  updated_at: number;
}

// 0014-webhook-deliveries

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

interface WebhookDeliveryColumns {
  id: number;
  delivery_id: string;
  account_id: number;
  webhook_id: number | null;
  inbox_id: number | null;
  agent_bot_id: number | null;
  target: string;
  event_id: number;
  event: string;
  message_id: number | null;
  url: string;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: number;
  last_status_code: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

interface WebhookDeliveryQueueColumns {
  target: string;
  claimed_until: number | null;
}

// 0015-integration-hooks

export interface IntegrationHookColumns {
  id: number;
  account_id: number;
  app_id: string;
  inbox_id: number | null;
  hook_type: 'account' | 'inbox';
  enabled: boolean;
  settings: JsonText<Record<string, unknown>>;
  reference_id: string | null;
  created_at: number;
  updated_at: number;
}

declare module 'knex/types/tables' {
  interface Tables {
    platform_apps: Table<PlatformAppColumns>;
    accounts: Table<AccountColumns, 'locale' | 'status'>;
    users: Table<UserColumns>;
    account_users: Table<AccountUserColumns, 'role' | 'availability' | 'auto_offline'>;
    agent_bots: Table<AgentBotColumns, 'bot_type'>;
    access_tokens: Table<AccessTokenColumns>;
    platform_app_permissibles: Table<PlatformAppPermissibleColumns>;
    sso_login_tokens: Table<SsoLoginTokenColumns>;
    teams: Table<TeamColumns, 'allow_auto_assign'>;
    team_members: Table<TeamMemberColumns>;
    inboxes: Table<
      InboxColumns,
      | 'enable_auto_assignment'
      | 'greeting_enabled'
      | 'enable_email_collect'
      | 'csat_survey_enabled'
      | 'working_hours_enabled'
      | 'timezone'
      | 'allow_messages_after_resolved'
      | 'lock_to_single_conversation'
      | 'sender_name_type'
      | 'csat_config'
    >;
    inbox_members: Table<InboxMemberColumns>;
    agent_bot_inboxes: Table<AgentBotInboxColumns>;
    canned_responses: Table<CannedResponseColumns>;
    custom_attribute_definitions: Table<CustomAttributeDefinitionColumns>;
    custom_filters: Table<CustomFilterColumns>;
    contacts: Table<ContactColumns, 'name' | 'blocked', 'id' | 'country_code'>;
    contact_inboxes: Table<ContactInboxColumns, 'hmac_verified'>;
    contact_labels: Table<ContactLabelColumns>;
    domain_events: Table<DomainEventColumns>;
    event_consumers: Table<EventConsumerColumns, 'position_event_id' | 'attempts'>;
    caller_stamp: Table<CallerStampColumns, never, never>;
    conversation_display_ids: Table<ConversationDisplayIdColumns, never, never>;
    conversations: Table<ConversationColumns, 'status'>;
    conversation_labels: Table<ConversationLabelColumns>;
    messages: Table<MessageColumns, 'content_type' | 'private' | 'status'>;
    attachments: Table<AttachmentColumns>;
    server_secrets: Table<ServerSecretColumns>;
    conversation_tallies: Table<ConversationTallyColumns, never, never>;
    csat_survey_responses: Table<CsatSurveyResponseColumns>;
    webhooks: Table<WebhookColumns>;
    webhook_deliveries: Table<WebhookDeliveryColumns, 'attempts'>;
    webhook_delivery_queues: Table<WebhookDeliveryQueueColumns, never, never>;
    integration_hooks: Table<IntegrationHookColumns>;
  }
}

declare module 'knex/types/result' {
  interface Registry {
    /** `count(*)` is a number from SQLite, and from PostgreSQL through the bigint parser of `connection.ts`. */
    Count: number;
  }
}

export type TableName = keyof Tables;

/** A row of the table as the engines give it back. */
export type TableRow<Name extends TableName> = Knex.ResolveTableType<Tables[Name]>;

/** What an insert into the table gives. */
export type TableInsert<Name extends TableName> = Knex.ResolveTableType<Tables[Name], 'insert'>;

/** What an update of the table changes. */
export type TableUpdate<Name extends TableName> = Knex.ResolveTableType<Tables[Name], 'update'>;
