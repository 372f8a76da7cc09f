import type { ContactActor } from '../../auth/actor';
import type { Database } from '../../db/connection';
import { appError, referenceValidationError } from '../../errors/app-error';
import { messageEvent } from '../conversations/conversation-events';
import type { ConversationRecord } from '../conversations/conversation-repository';
import { type MessageRecord, messageRepository } from '../conversations/message-repository';
import type { ServiceDependencies } from '../service-dependencies';
import { csatResponseRepository } from './csat-response-repository';

/** How many days after it was sent a satisfaction survey takes the contact's answer. */
export const csatAnswerDays = 14;

/** Until when, in unix seconds, a survey sent at `sentAt` takes answers (that second included). */
export const surveyAnswerableUntil = (sentAt: number): number => sentAt + csatAnswerDays * 86_400;

const rating = (submittedValues: unknown): { rating: number; feedback_message?: string | null } | undefined => {
  if (typeof submittedValues !== 'object' || submittedValues === null || Array.isArray(submittedValues)) {
    return undefined;
  }
  const response = (submittedValues as { csat_survey_response?: unknown }).csat_survey_response;
  if (typeof response !== 'object' || response === null) return undefined;
  return response as { rating: number; feedback_message?: string | null };
};

/**
 * Stores the contact's answer to an interactive message, in the caller's transaction, the conversation locked: it
 * replaces the message's `content_attributes.submitted_values` (`message_updated`, the contact acting), and a rating
 * given to a survey becomes the survey's stored answer, crediting the conversation's assignee at the first answer. A
 * survey takes answers for `csatAnswerDays` days after it was sent. Answers the message as it now stands.
 */
export async function storeMessageAnswer(
  trx: Database,
  { clock, events }: Pick<ServiceDependencies, 'clock' | 'events'>,
  actor: ContactActor,
  conversation: ConversationRecord,
  message: MessageRecord,
  submittedValues: unknown,
): Promise<MessageRecord> {
  const now = clock.nowSeconds();
  const isSurvey = message.content_type === 'input_csat';
  if (isSurvey && now > surveyAnswerableUntil(message.created_at)) {
    throw referenceValidationError('submitted_values', 'You cannot update the CSAT survey after 14 days');
  }
  const contentAttributes = { ...message.content_attributes, submitted_values: submittedValues };
  const changed = await messageRepository(trx).update(message.id, { content_attributes: contentAttributes }, now);
  if (!changed) throw appError('RESOURCE_NOT_FOUND');
  await events.record(trx, messageEvent('message_updated', actor, changed, conversation));
  const answer = isSurvey ? rating(submittedValues) : undefined;
  if (answer) {
    await csatResponseRepository(trx).record(
      {
        account_id: conversation.account_id,
        conversation_id: conversation.id,
        message_id: message.id,
        contact_id: conversation.contact_id,
        assigned_agent_id: conversation.assignee_id,
        rating: answer.rating,
        feedback_message: answer.feedback_message ?? null,
      },
      now,
    );
  }
  return changed;
}
