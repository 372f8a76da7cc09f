import { type Clock, systemClock } from './config/clock';
import { type Database, databaseAnswers } from './db/connection';
import { accessTokenService } from './modules/access-tokens/access-token-service';
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
import { customAttributeService } from './modules/custom-attributes/custom-attribute-service';
import { customFilterService } from './modules/custom-filters/custom-filter-service';
import { inboxAgentBotService } from './modules/inboxes/inbox-agent-bot-service';
import { inboxMemberService } from './modules/inboxes/inbox-member-service';
import { inboxService } from './modules/inboxes/inbox-service';
import { platformAppService } from './modules/platform-apps/platform-app-service';
import { ssoService } from './modules/sessions/sso-service';
import { teamService } from './modules/teams/team-service';
import { userService } from './modules/users/user-service';

/** Every service, wired to one database and one clock. */
export function createServices(db: Database, clock: Clock = systemClock) {
  const accessTokens = accessTokenService(db, clock);
  const platformApps = platformAppService(db, clock, accessTokens);
  const accounts = accountService(db, clock, platformApps);
  const users = userService(db, clock, platformApps, accessTokens);
  const accountAgentBots = accountAgentBotService(db, clock, platformApps, accessTokens);
  return {
    accessTokens,
    platformApps,
    accounts,
    accountUsers: accountUserService(db, clock, accounts),
    accountMembers: accountMemberService(db),
    agents: agentService(db, clock, users),
    agentBots: agentBotService(db, clock, platformApps, accessTokens),
    customAttributes: customAttributeService(db, clock),
    customFilters: customFilterService(db, clock),
    accountAgentBots,
    cannedResponses: cannedResponseService(db, clock),
    contacts: contactService(db, clock),
    contactSessions: contactSessionService(db, clock),
    contactLabels: contactLabelService(db, clock),
    teams: teamService(db, clock),
    inboxes: inboxService(db, clock),
    inboxMembers: inboxMemberService(db, clock),
    inboxAgentBots: inboxAgentBotService(db, clock, accountAgentBots),
    users,
    sso: ssoService(db, clock, users),
    databaseAnswers: () => databaseAnswers(db),
  };
}

export type Services = ReturnType<typeof createServices>;
