import type { operations, webhooks } from '@inquirly/api-types';

/** What the server posts to receivers: `operations` lists these too, but no path serves them. */
type WebhookOperation = webhooks[keyof webhooks]['post'];

/** The operations the server serves, each at a path of the spec. */
export type OperationId = {
  [Op in keyof operations]: operations[Op] extends WebhookOperation ? never : Op;
}[keyof operations];

export type SecuritySchemeName = 'platformAppApiKey' | 'userApiKey' | 'agentBotApiKey';

/** Who may call an operation, as its spec says; `operation-access.ts` holds the rule of each. */
export interface OperationAccessRule {
  /** The token kinds the operation accepts; none when it is open. */
  readonly schemes: readonly SecuritySchemeName[];
  /** Whether the caller acts inside the account of the path's `account_id`, as a member of it. */
  readonly inAccount: boolean;
  /** The role required in that account (`x-required-role`), on top of membership. */
  readonly requiredRole?: 'administrator';
}
