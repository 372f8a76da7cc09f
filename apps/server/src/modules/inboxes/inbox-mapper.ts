import { isAdministrator, type MemberActor } from '../../auth/actor';
import type { Schemas } from '../../http/schemas';
import { channelOfType } from './channels/channel-catalogue';
import type { InboxViewer } from './channels/channel-definition';
import type { InboxRecord } from './inbox-repository';

/** An account member looking at inboxes through a request from `origin`. */
export const inboxViewerOf = (member: MemberActor, origin: string): InboxViewer => ({
  administrator: isAdministrator(member),
  origin,
});

/**
 * An inbox as the viewer may see it. The web-widget fields are always sent, null for other channels, because the
 * reference sends them so; the channel type then fills in its own.
 */
export function toInbox(inbox: InboxRecord, viewer: InboxViewer): Schemas['Inbox'] {
  return {
    id: inbox.id,
    avatar_url: '',
    // Each inbox has its own channel, so the channel shares the inbox's id.
    channel_id: inbox.id,
    name: inbox.name,
    channel_type: inbox.channel_type,
    greeting_enabled: inbox.greeting_enabled,
    greeting_message: inbox.greeting_message,
    working_hours_enabled: inbox.working_hours_enabled,
    enable_email_collect: inbox.enable_email_collect,
    csat_survey_enabled: inbox.csat_survey_enabled,
    csat_config: inbox.csat_config,
    enable_auto_assignment: inbox.enable_auto_assignment,
    auto_assignment_config: inbox.auto_assignment_config,
    out_of_office_message: inbox.out_of_office_message,
    working_hours: inbox.working_hours,
    timezone: inbox.timezone,
    callback_webhook_url: null,
    allow_messages_after_resolved: inbox.allow_messages_after_resolved,
    lock_to_single_conversation: inbox.lock_to_single_conversation,
    sender_name_type: inbox.sender_name_type,
    business_name: inbox.business_name,
    provider: null,
    widget_color: null,
    website_url: null,
    hmac_mandatory: null,
    welcome_title: null,
    welcome_tagline: null,
    web_widget_script: null,
    website_token: null,
    selected_feature_flags: null,
    reply_time: null,
    ...channelOfType(inbox.channel_type).present(inbox, viewer),
  };
}
