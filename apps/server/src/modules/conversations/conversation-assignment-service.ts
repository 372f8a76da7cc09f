import type { Database } from '../../db/connection';
import { appError } from '../../errors/app-error';
import type { Schemas } from '../../http/schemas';
import { toConversationBotAssignee } from '../agent-bots/agent-bot-mapper';
import { agentBotRepository } from '../agent-bots/agent-bot-repository';
import { toAgent } from '../agents/agent-mapper';
import { findAgent } from '../agents/agent-repository';
import type { ServiceDependencies } from '../service-dependencies';
import { toAssignedTeam } from '../teams/team-mapper';
import { teamRepository } from '../teams/team-repository';
import { userRepository } from '../users/user-repository';
import { accountIdOf, type DeskActor, findVisibleConversation } from './conversation-access';
import { changeConversation } from './conversation-change';
import type { ConversationFields } from './conversation-repository';

type Assignment = Schemas['ConversationAssignment'];
type AssignmentResult = Schemas['ConversationAssignmentResult'];

/** The largest id a row can have: a larger one names nothing, and is not sent to the database. */
const largestId = 2_147_483_647;

/** The team id a request names: a whole number, or a string of digits; 0, null and other text name no team. */
function teamIdOf(given: Assignment['team_id']): number {
  if (typeof given === 'string') return /^\d+$/.test(given) ? Number(given) : 0;
  return given ?? 0;
}

/**
 * Who holds the conversations of an account: an agent, an agent bot, a team. Each path reads the new holder under a
 * lock before the conversation's: deleting a user, a bot or a team locks it first and then updates the conversations
 * it held, so taking the two locks in the same order keeps an assignment and a deletion from waiting on each other.
 */
export function conversationAssignmentService(dependencies: ServiceDependencies) {
  const { db, clock } = dependencies;
  const conversationOf = (trx: Database, actor: DeskActor, displayId: number) =>
    findVisibleConversation(trx, actor, displayId, { lock: true });

  /**
   * Gives the conversation to a user of the account, or to nobody when the id names none; the bot holding it lets go,
   * and a pending conversation a bot held opens for the agent.
   */
  async function assignAgent(
    trx: Database,
    actor: DeskActor,
    displayId: number,
    userId: number | null | undefined,
  ): Promise<AssignmentResult> {
    const user = userId == null ? undefined : await userRepository(trx).findById(userId, { lock: true });
    const agent = user && (await findAgent(trx, accountIdOf(actor), user.id));
    const conversation = await conversationOf(trx, actor, displayId);
    const fields: Partial<ConversationFields> = { assignee_id: agent?.id ?? null, assignee_agent_bot_id: null };
    if (agent && conversation.assignee_agent_bot_id !== null && conversation.status === 'pending') {
      fields.status = 'open';
      fields.waiting_since = conversation.waiting_since ?? clock.nowSeconds();
    }
    await changeConversation(trx, dependencies, actor, conversation, { fields });
    return agent ? toAgent(agent) : null;
  }

  /** Hands the conversation to an agent bot the account may use, which leaves it pending for the bot. */
  async function assignBot(
    trx: Database,
    actor: DeskActor,
    displayId: number,
    botId: number | null | undefined,
  ): Promise<AssignmentResult> {
    const found = botId == null ? undefined : await agentBotRepository(trx).findById(botId, { lock: true });
    const bot = found && (found.account_id === null || found.account_id === accountIdOf(actor)) ? found : undefined;
    const conversation = await conversationOf(trx, actor, displayId);
    if (!bot) return null;
    await changeConversation(trx, dependencies, actor, conversation, {
      fields: { assignee_id: null, assignee_agent_bot_id: bot.id, status: 'pending' },
    });
    return toConversationBotAssignee(bot);
  }

  /** Gives the conversation to a team of the account, or to none; an assignee outside a new team is removed. */
  async function assignTeam(
    trx: Database,
    actor: DeskActor,
    displayId: number,
    given: Assignment['team_id'],
  ): Promise<AssignmentResult> {
    const teamId = teamIdOf(given);
    const teams = teamRepository(trx);
    const team = teamId > 0 && teamId <= largestId ? await teams.findStoredLocked(accountIdOf(actor), teamId) : null;
    const conversation = await conversationOf(trx, actor, displayId);
    if (teamId > 0 && !team) throw appError('RESOURCE_NOT_FOUND');
    const fields: Partial<ConversationFields> = { team_id: team?.id ?? null };
    const assigneeId = conversation.assignee_id;
    if (team && team.id !== conversation.team_id && assigneeId !== null) {
      if (!(await teams.memberIds(team.id)).has(assigneeId)) fields.assignee_id = null;
    }
    await changeConversation(trx, dependencies, actor, conversation, { fields });
    return team ? toAssignedTeam(team) : null;
  }

  return {
    /**
     * Assigns in the reference's order of keys: `assignee_id` (or an agent bot), else `team_id`, else nothing. Answers
     * the new holder, or null.
     */
    async assign(actor: DeskActor, displayId: number, input: Assignment): Promise<AssignmentResult> {
      return db.transaction(async (trx) => {
        if (input.assignee_type === 'AgentBot') return assignBot(trx, actor, displayId, input.assignee_id);
        if ('assignee_id' in input) return assignAgent(trx, actor, displayId, input.assignee_id);
        if ('team_id' in input) return assignTeam(trx, actor, displayId, input.team_id);
        await conversationOf(trx, actor, displayId);
        return null;
      });
    },
  };
}

export type ConversationAssignmentService = ReturnType<typeof conversationAssignmentService>;
