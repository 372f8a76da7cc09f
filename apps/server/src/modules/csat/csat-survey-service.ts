import type { ContactActor } from '../../auth/actor';
import type { Database } from '../../db/connection';
import { appError } from '../../errors/app-error';
import type { Schemas } from '../../http/schemas';
import { accountRepository } from '../accounts/account-repository';
import { contactRepository } from '../contacts/contact-repository';
import { type ConversationRecord, conversationRepository } from '../conversations/conversation-repository';
import { messageRepository } from '../conversations/message-repository';
import { inboxRepository } from '../inboxes/inbox-repository';
import type { ServiceDependencies } from '../service-dependencies';
import { type SurveyParts, toCsatSurvey } from './csat-mapper';
import { csatResponseRepository } from './csat-response-repository';
import { storeMessageAnswer, surveyAnswerableUntil } from './survey-answers';

/** A survey as its page shows it: what the survey operations answer, and whether it still takes answers. */
export interface SurveyView {
  survey: Schemas['CsatSurvey'];
  /** Unix seconds of the last moment the survey takes an answer. */
  answerableUntil: number;
  answerable: boolean;
}

/** The conversation with this `uuid` and its survey, if it was sent one. */
async function lookUpSurvey(db: Database, uuid: string, { lock = false } = {}) {
  const conversation = await conversationRepository(db).findByUuid(uuid, { lock });
  const survey = conversation && (await messageRepository(db).surveyOf(conversation.id));
  return conversation && survey ? { conversation, survey } : undefined;
}

/** The conversation with this `uuid` and its survey; neither found is the same 404. */
async function findSurvey(db: Database, uuid: string, { lock = false } = {}) {
  const found = await lookUpSurvey(db, uuid, { lock });
  if (!found) throw appError('RESOURCE_NOT_FOUND');
  return found;
}

async function surveyParts(db: Database, conversation: ConversationRecord, survey: SurveyParts['survey']) {
  const [answer, inbox, account] = await Promise.all([
    csatResponseRepository(db).findByMessage(survey.id),
    inboxRepository(db).findInAccount(conversation.account_id, conversation.inbox_id),
    accountRepository(db).findById(conversation.account_id),
  ]);
  if (!inbox || !account) throw appError('RESOURCE_NOT_FOUND');
  return { survey, answer, conversation, inbox, account };
}

/**
 * A conversation's satisfaction survey, reached by the conversation's `uuid` as survey links carry it: the contact
 * reads it and answers it, without a session.
 */
export function csatSurveyService(dependencies: ServiceDependencies) {
  const { db, clock } = dependencies;

  const viewOf = (parts: SurveyParts): SurveyView => {
    const answerableUntil = surveyAnswerableUntil(parts.survey.created_at);
    return { survey: toCsatSurvey(parts), answerableUntil, answerable: clock.nowSeconds() <= answerableUntil };
  };

  return {
    /** The survey of the conversation with this `uuid`; undefined when there is no such conversation or survey. */
    async lookUp(uuid: string): Promise<SurveyView | undefined> {
      const found = await lookUpSurvey(db, uuid);
      return found && viewOf(await surveyParts(db, found.conversation, found.survey));
    },

    /** The survey of the conversation with this `uuid`; a 404 when there is no such conversation or survey. */
    async find(uuid: string): Promise<SurveyView> {
      const { conversation, survey } = await findSurvey(db, uuid);
      return viewOf(await surveyParts(db, conversation, survey));
    },

    /** Stores the contact's rating as their answer to the survey (see `storeMessageAnswer`), the contact acting. */
    async answer(uuid: string, input: Schemas['CsatSurveyUpdate']): Promise<Schemas['CsatSurvey']> {
      const parts = await db.transaction(async (trx) => {
        const { conversation, survey } = await findSurvey(trx, uuid, { lock: true });
        const [account, contact] = await Promise.all([
          accountRepository(trx).findById(conversation.account_id),
          contactRepository(trx).findInAccount(conversation.account_id, conversation.contact_id),
        ]);
        if (!account || !contact) throw appError('RESOURCE_NOT_FOUND');
        const actor: ContactActor = { kind: 'contact', account, contact };
        const answered = await storeMessageAnswer(
          trx,
          dependencies,
          actor,
          conversation,
          survey,
          input.message.submitted_values,
        );
        return surveyParts(trx, conversation, answered);
      });
      return viewOf(parts).survey;
    },
  };
}

export type CsatSurveyService = ReturnType<typeof csatSurveyService>;
