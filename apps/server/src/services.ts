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
import { cannedResponseService } from './modules/canned-responses/canned-response-service';
import { contactLabelService } from './modules/contacts/contact-label-service';
import { contactService } from './modules/contacts/contact-service';
import { contactSessionService } from './modules/contacts/contact-session-service';
import { presentationFor } from './modules/conversations/attachment-presentation';
import { conversationListService } from './modules/conversations/conversation-list-service';
import { conversationService } from './modules/conversations/conversation-service';
import { messageService } from './modules/conversations/message-service';
import { customAttributeService } from './modules/custom-attributes/custom-attribute-service';
import { customFilterService } from './modules/custom-filters/custom-filter-service';
import { inboxAgentBotService } from './modules/inboxes/inbox-agent-bot-service';
import { inboxMemberService } from './modules/inboxes/inbox-member-service';
import { inboxService } from './modules/inboxes/inbox-service';
import { platformAppService } from './modules/platform-apps/platform-app-service';
import type { ServiceDependencies } from './modules/service-dependencies';
import { ssoService } from './modules/sessions/sso-service';
import { teamService } from './modules/teams/team-service';
import { userService } from './modules/users/user-service';

/** Every service, wired to one database, one clock and one event recorder; `createContainer` calls it once. */
export function createServices(dependencies: ServiceDependencies) {
  const accessTokens = accessTokenService(dependencies);
  const platformApps = platformAppService(dependencies, accessTokens);
  const accounts = accountService(dependencies, platformApps);
  const users = userService(dependencies, platformApps, accessTokens);
  const accountAgentBots = accountAgentBotService(dependencies, platformApps, accessTokens);
  const accountMembers = accountMemberService(dependencies);
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
    messages: messageService(dependencies),
    presentation: presentationFor,
    teams: teamService(dependencies),
    inboxes: inboxService(dependencies),
    inboxMembers: inboxMemberService(dependencies),
    inboxAgentBots: inboxAgentBotService(dependencies, accountAgentBots),
    users,
    sso: ssoService(dependencies, users),
    databaseAnswers: () => databaseAnswers(dependencies.db),
  };
}

export type Services = ReturnType<typeof createServices>;
