import type { Actor } from '../../auth/actor';
import type { Database } from '../../db/connection';
import { conversationLabelRepository } from '../conversations/conversation-label-repository';
import type { ConversationRecord } from '../conversations/conversation-repository';
import { messageRepository } from '../conversations/message-repository';
import { appendMessage } from '../conversations/message-writer';
import { inboxRepository } from '../inboxes/inbox-repository';
import type { ServiceDependencies } from '../service-dependencies';
import { surveyDisplayType, surveyRulesAllow, surveyText } from './csat-config';

/**
 * Sends the satisfaction survey of a conversation just resolved, in the transaction that resolved it: when its inbox
 * asks for surveys, its labels pass the inbox's survey rules, and it was never sent one (a conversation resolved
 * again is not asked again). The survey is a template message without a sender, `input_csat`, with the inbox's text
 * and display type. Every channel served here may always be written to, so the reference's note that a survey could
 * not be sent outside a messaging window never applies. Answers the conversation as it now stands.
 */
export async function sendSurveyOnResolve(
  trx: Database,
  dependencies: Pick<ServiceDependencies, 'clock' | 'events'>,
  actor: Actor,
  conversation: ConversationRecord,
): Promise<ConversationRecord> {
  const inbox = await inboxRepository(trx).findInAccount(conversation.account_id, conversation.inbox_id);
  if (!inbox?.csat_survey_enabled) return conversation;
  if (await messageRepository(trx).surveyOf(conversation.id)) return conversation;
  const labels = await conversationLabelRepository(trx).list(conversation.id);
  if (!surveyRulesAllow(inbox.csat_config, labels)) return conversation;
  const sent = await appendMessage(trx, dependencies, actor, conversation, {
    message_type: 'template',
    content_type: 'input_csat',
    content: surveyText(inbox.csat_config),
    content_attributes: { display_type: surveyDisplayType(inbox.csat_config) },
    sender_type: null,
    sender_id: null,
  });
  return sent.conversation;
}
