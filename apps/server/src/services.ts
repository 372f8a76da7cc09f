import { createCallerCache } from './auth/caller-cache';
import { databaseAnswers } from './db/connection';
import { accessTokenService } from './modules/access-tokens/access-token-service';
import { callerStampRepository } from './modules/access-tokens/caller-stamp-repository';
import { accountMemberService } from './modules/account-users/account-member-service';
import { accountUserService } from './modules/account-users/account-user-service';
import { accountService } from './modules/accounts/account-service';
import { accountAgentBotService } from './modules/agent-bots/account-agent-bot-service';
import { agentBotService } from './modules/agent-bots/agent-bot-service';
import { agentService } from './modules/agents/agent-service';
import { linkSigner } from './modules/attachments/attachment-links';
import { attachmentService } from './modules/attachments/attachment-service';
import type { AttachmentStorage } from './modules/attachments/attachment-storage';
import { cannedResponseService } from './modules/canned-responses/canned-response-service';
import { publicContactService } from './modules/client-api/public-contact-service';
import { publicConversationService } from './modules/client-api/public-conversation-service';
import { publicInboxService } from './modules/client-api/public-inbox-service';
import { publicMessageService } from './modules/client-api/public-message-service';
import { contactLabelService } from './modules/contacts/contact-label-service';
import { contactService } from './modules/contacts/contact-service';
import { contactSessionService } from './modules/contacts/contact-session-service';
import { attachmentPresentation } from './modules/conversations/attachment-presentation';
import { conversationAssignmentService } from './modules/conversations/conversation-assignment-service';
import { conversationLabelService } from './modules/conversations/conversation-label-service';
import { conversationListService } from './modules/conversations/conversation-list-service';
import { conversationService } from './modules/conversations/conversation-service';
import { conversationStatusService } from './modules/conversations/conversation-status-service';
import { messageService } from './modules/conversations/message-service';
import { csatResponseService } from './modules/csat/csat-response-service';
import { csatSurveyService } from './modules/csat/csat-survey-service';
import { customAttributeService } from './modules/custom-attributes/custom-attribute-service';
import { customFilterService } from './modules/custom-filters/custom-filter-service';
import { inboxAgentBotService } from './modules/inboxes/inbox-agent-bot-service';
import { inboxMemberService } from './modules/inboxes/inbox-member-service';
import { inboxService } from './modules/inboxes/inbox-service';
import { integrationService } from './modules/integrations/integration-service';
import { platformAppService } from './modules/platform-apps/platform-app-service';
import { secretKeys } from './modules/server-secrets/secret-key-base';
import type { ServiceDependencies } from './modules/service-dependencies';
import { ssoService } from './modules/sessions/sso-service';
import { teamService } from './modules/teams/team-service';
import { userService } from './modules/users/user-service';
import { webhookService } from './modules/webhooks/webhook-service';

/** What services are configured with, beyond their dependencies. */
export interface ServiceSettings {
  /** Where attachments are kept. */
  storage: AttachmentStorage;
  /** How long a link to an attachment opens it, in seconds. */
  attachmentUrlTtlSeconds: number;
  /** `SECRET_KEY_BASE`; without it, the server generates one and keeps it in the database. */
  secretKeyBase: string | undefined;
  /** Tells the delivery worker that deliveries are due, as when an administrator asks for one again. */
  wakeDeliveries: () => void;
}

/** Every service, wired to one database, one clock and one event recorder; `createContainer` calls it once. */
export function createServices(dependencies: ServiceDependencies, settings: ServiceSettings) {
  const { db, clock } = dependencies;
  const keys = secretKeys({ db, clock, given: settings.secretKeyBase });
  const accessTokens = accessTokenService(dependencies);
  const platformApps = platformAppService(dependencies, accessTokens);
  const accounts = accountService(dependencies, platformApps);
  const users = userService(dependencies, platformApps, accessTokens);
  const accountAgentBots = accountAgentBotService(dependencies, platformApps, accessTokens);
  const accountMembers = accountMemberService(dependencies);
  const publicInboxes = publicInboxService(dependencies);
  const attachments = attachmentService({
    storage: settings.storage,
    clock,
    links: linkSigner({
      key: () => keys.keyFor('attachment-links'),
      clock,
      ttlSeconds: settings.attachmentUrlTtlSeconds,
    }),
  });
  return {
    accessTokens,
    platformApps,
    accounts,
    accountUsers: accountUserService(dependencies, accounts),
    accountMembers,
    callers: createCallerCache({ stamp: callerStampRepository(dependencies.db), accessTokens, accountMembers }),
    agents: agentService(dependencies, users),
    agentBots: agentBotService(dependencies, platformApps, accessTokens),
    customAttributes: customAttributeService(dependencies),
    customFilters: customFilterService(dependencies),
    accountAgentBots,
    cannedResponses: cannedResponseService(dependencies),
    contacts: contactService(dependencies),
    contactSessions: contactSessionService(dependencies),
    contactLabels: contactLabelService(dependencies),
    conversations: conversationService(dependencies),
    conversationLists: conversationListService(dependencies),
    conversationStatuses: conversationStatusService(dependencies),
    conversationAssignments: conversationAssignmentService(dependencies),
    conversationLabels: conversationLabelService(dependencies),
    messages: messageService(dependencies, attachments),
    presentation: attachmentPresentation(attachments),
    teams: teamService(dependencies),
    inboxes: inboxService(dependencies),
    inboxMembers: inboxMemberService(dependencies),
    inboxAgentBots: inboxAgentBotService(dependencies, accountAgentBots),
    publicInboxes,
    publicContacts: publicContactService(dependencies, publicInboxes),
    publicConversations: publicConversationService(dependencies, publicInboxes),
    publicMessages: publicMessageService(dependencies, publicInboxes, attachments),
    csatSurveys: csatSurveyService(dependencies),
    csatResponses: csatResponseService(dependencies),
    webhooks: webhookService(dependencies, settings.wakeDeliveries),
    integrations: integrationService(dependencies),
    users,
    sso: ssoService(dependencies, users),
    attachments,
    databaseAnswers: () => databaseAnswers(dependencies.db),
  };
}

export type Services = ReturnType<typeof createServices>;
