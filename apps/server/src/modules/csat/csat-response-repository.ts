import type { Knex } from 'knex';
import type { Database } from '../../db/connection';
import type { TableRow } from '../../db/tables';

/** A contact's answer to a survey, one per survey message; its columns read the same from both engines. */
export type CsatResponseRecord = TableRow<'csat_survey_responses'>;

/** An answer as the contact gives it, with the conversation's assignee at that moment. */
export type CsatAnswer = Omit<CsatResponseRecord, 'id' | 'created_at' | 'updated_at'>;

/** What administrators narrow an account's answers by; times are unix seconds, both ends included. */
export interface CsatResponseFilters {
  since?: number;
  until?: number;
  /** The agents the answers credit. */
  userIds?: number[];
  inboxId?: number;
  /** The team the answered conversations are held by now. */
  teamId?: number;
  rating?: number;
}

/** Narrows a query over `table` (answers or survey messages) by the period, the inbox and the team. */
function inPeriodInboxAndTeam(
  query: Knex.QueryBuilder,
  table: 'csat_survey_responses' | 'messages',
  filters: CsatResponseFilters,
): void {
  if (filters.since !== undefined) query.where(`${table}.created_at`, '>=', filters.since);
  if (filters.until !== undefined) query.where(`${table}.created_at`, '<=', filters.until);
  if (filters.inboxId !== undefined || filters.teamId !== undefined) {
    query.join('conversations', 'conversations.id', `${table}.conversation_id`);
    if (filters.inboxId !== undefined) query.where('conversations.inbox_id', filters.inboxId);
    if (filters.teamId !== undefined) query.where('conversations.team_id', filters.teamId);
  }
}

/** The account's answers the filters select. */
function selectedAnswers(db: Database, accountId: number, filters: CsatResponseFilters): Knex.QueryBuilder {
  const query = db('csat_survey_responses').where('csat_survey_responses.account_id', accountId);
  inPeriodInboxAndTeam(query, 'csat_survey_responses', filters);
  if (filters.userIds !== undefined && filters.userIds.length > 0) {
    query.whereIn('csat_survey_responses.assigned_agent_id', filters.userIds);
  }
  if (filters.rating !== undefined) query.where('csat_survey_responses.rating', filters.rating);
  return query;
}

/** The contacts' answers to satisfaction surveys. */
export function csatResponseRepository(db: Database) {
  return {
    /**
     * Stores the contact's answer to a survey message: the first one as given, a later one replacing the rating and
     * the feedback only, so that the answer keeps the agent it first credited and the time it was first given.
     */
    async record(answer: CsatAnswer, now: number): Promise<CsatResponseRecord> {
      await db('csat_survey_responses')
        .insert({ ...answer, created_at: now, updated_at: now })
        .onConflict('message_id')
        .merge(['rating', 'feedback_message', 'updated_at']);
      const stored = await db('csat_survey_responses').where({ message_id: answer.message_id }).first();
      if (!stored) throw new Error(`the answer to survey ${answer.message_id} was not stored`);
      return stored;
    },

    async findByMessage(messageId: number): Promise<CsatResponseRecord | undefined> {
      return db('csat_survey_responses').where({ message_id: messageId }).first();
    },

    /** One page of the account's answers the filters select, newest first unless `oldestFirst`. */
    async page(
      accountId: number,
      filters: CsatResponseFilters,
      { page, perPage, oldestFirst }: { page: number; perPage: number; oldestFirst: boolean },
    ): Promise<CsatResponseRecord[]> {
      const direction = oldestFirst ? 'asc' : 'desc';
      return selectedAnswers(db, accountId, filters)
        .select('csat_survey_responses.*')
        .orderBy([
          { column: 'csat_survey_responses.created_at', order: direction },
          { column: 'csat_survey_responses.id', order: direction },
        ])
        .limit(perPage)
        .offset((page - 1) * perPage);
    },

    /** How many answers the filters select, for each rating given. */
    async countByRating(accountId: number, filters: CsatResponseFilters): Promise<Map<number, number>> {
      const rows: Array<{ rating: number; count: number | string }> = await selectedAnswers(db, accountId, filters)
        .select('csat_survey_responses.rating')
        .count({ count: '*' })
        .groupBy('csat_survey_responses.rating');
      return new Map(rows.map((row) => [row.rating, Number(row.count)]));
    },

    /** How many surveys the account sent in the period, inbox and team of the filters. */
    async countSent(accountId: number, filters: CsatResponseFilters): Promise<number> {
      const query = db('messages')
        .where('messages.account_id', accountId)
        .where('messages.content_type', 'input_csat')
        .count({ count: '*' });
      inPeriodInboxAndTeam(query, 'messages', filters);
      const [row] = await query;
      return Number(row?.count ?? 0);
    },
  };
}
