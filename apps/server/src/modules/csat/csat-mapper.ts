import { isoTime } from '../../http/iso-time';
import type { Schemas } from '../../http/schemas';
import type { AccountRecord } from '../accounts/account-repository';
import { toAgent } from '../agents/agent-mapper';
import type { AgentRecord } from '../agents/agent-repository';
import type { ContactRecord } from '../contacts/contact-repository';
import type { ConversationRecord } from '../conversations/conversation-repository';
import type { MessageRecord } from '../conversations/message-repository';
import type { InboxRecord } from '../inboxes/inbox-repository';
import type { SurveyDisplayType } from './csat-config';
import type { CsatResponseRecord } from './csat-response-repository';

export function toCsatSurveyAnswer(answer: CsatResponseRecord): Schemas['CsatSurveyAnswer'] {
  return {
    id: answer.id,
    account_id: answer.account_id,
    conversation_id: answer.conversation_id,
    message_id: answer.message_id,
    contact_id: answer.contact_id,
    assigned_agent_id: answer.assigned_agent_id,
    rating: answer.rating,
    feedback_message: answer.feedback_message,
    created_at: isoTime(answer.created_at),
    updated_at: isoTime(answer.updated_at),
  };
}

/** What a conversation's survey shows: the message, the inbox that sent it, the account's language, the answer. */
export interface SurveyParts {
  survey: MessageRecord;
  answer: CsatResponseRecord | undefined;
  conversation: ConversationRecord;
  inbox: InboxRecord;
  account: AccountRecord;
}

export function toCsatSurvey({ survey, answer, conversation, inbox, account }: SurveyParts): Schemas['CsatSurvey'] {
  const displayType = survey.content_attributes.display_type;
  return {
    id: survey.id,
    csat_survey_response: answer ? toCsatSurveyAnswer(answer) : null,
    display_type: displayType === 'star' ? 'star' : ('emoji' satisfies SurveyDisplayType),
    content: survey.content,
    inbox_avatar_url: '',
    inbox_name: inbox.name,
    locale: account.locale,
    conversation_id: conversation.id,
    created_at: isoTime(survey.created_at),
  };
}

/** An answer as administrators read it, with the contact who gave it and the agent it credits. */
export function toCsatSurveyResponse(
  answer: CsatResponseRecord,
  conversationDisplayId: number,
  contact: ContactRecord | undefined,
  agent: AgentRecord | undefined,
): Schemas['CsatSurveyResponse'] {
  return {
    id: answer.id,
    rating: answer.rating,
    feedback_message: answer.feedback_message,
    account_id: answer.account_id,
    message_id: answer.message_id,
    conversation_id: conversationDisplayId,
    contact: {
      id: answer.contact_id,
      name: contact?.name ?? null,
      email: contact?.email ?? null,
      phone_number: contact?.phone_number ?? null,
      thumbnail: contact?.avatar_url ?? '',
    },
    ...(agent && { assigned_agent: toAgent(agent) }),
    created_at: answer.created_at,
  };
}
