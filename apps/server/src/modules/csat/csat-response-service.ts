import type { MemberActor } from '../../auth/actor';
import type { Schemas } from '../../http/schemas';
import { listAgents } from '../agents/agent-repository';
import { contactRepository } from '../contacts/contact-repository';
import { conversationRepository } from '../conversations/conversation-repository';
import type { ServiceDependencies } from '../service-dependencies';
import { toCsatSurveyResponse } from './csat-mapper';
import { type CsatResponseFilters, csatResponseRepository } from './csat-response-repository';

/** How many answers a page of the administrators' list holds. */
export const csatResponsesPerPage = 25;

/** The ratings contacts gave an account's conversations, as its administrators read them. */
export function csatResponseService({ db }: ServiceDependencies) {
  return {
    /** One page of the answers the filters select, newest first unless `oldestFirst`. */
    async list(
      actor: MemberActor,
      filters: CsatResponseFilters,
      { page, oldestFirst }: { page: number; oldestFirst: boolean },
    ): Promise<Schemas['CsatSurveyResponse'][]> {
      const accountId = actor.account.id;
      const answers = await csatResponseRepository(db).page(accountId, filters, {
        page,
        perPage: csatResponsesPerPage,
        oldestFirst,
      });
      const conversationIds = [...new Set(answers.map((answer) => answer.conversation_id))];
      const agentIds = [...new Set(answers.flatMap((answer) => answer.assigned_agent_id ?? []))];
      const [displayIds, contacts, agents] = await Promise.all([
        conversationRepository(db).displayIdsOf(conversationIds),
        contactRepository(db).findManyInAccount(accountId, [...new Set(answers.map((answer) => answer.contact_id))]),
        agentIds.length === 0 ? [] : listAgents(db, accountId, (query) => query.whereIn('users.id', agentIds)),
      ]);
      const contactsById = new Map(contacts.map((contact) => [contact.id, contact]));
      const agentsById = new Map(agents.map((agent) => [agent.id, agent]));
      return answers.map((answer) =>
        toCsatSurveyResponse(
          answer,
          displayIds.get(answer.conversation_id) ?? 0,
          contactsById.get(answer.contact_id),
          answer.assigned_agent_id === null ? undefined : agentsById.get(answer.assigned_agent_id),
        ),
      );
    },

    /** How many answers the filters select, per rating, and how many surveys went out in their period and place. */
    async metrics(actor: MemberActor, filters: CsatResponseFilters): Promise<Schemas['CsatSurveyMetrics']> {
      const answers = csatResponseRepository(db);
      const [byRating, sent] = await Promise.all([
        answers.countByRating(actor.account.id, filters),
        answers.countSent(actor.account.id, filters),
      ]);
      const ratingsCount = Object.fromEntries([...byRating].map(([rating, count]) => [String(rating), count]));
      return {
        total_count: [...byRating.values()].reduce((sum, count) => sum + count, 0),
        ratings_count: ratingsCount,
        total_sent_messages_count: sent,
      };
    },
  };
}

export type CsatResponseService = ReturnType<typeof csatResponseService>;
