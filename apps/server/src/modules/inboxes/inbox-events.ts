import type { MemberActor } from '../../auth/actor';
import { changedAttributes, changeEvent } from '../../events/change-event';
import type { InboxRecord } from './inbox-repository';

/** Settings that authenticate the inbox to the outside world: events, which consumers pass on, never carry them. */
const secretSettings = ['imap_password', 'smtp_password'];

const withoutSecrets = (settings: unknown) =>
  Object.fromEntries(Object.entries(settings ?? {}).filter(([key]) => !secretSettings.includes(key)));

/** The inbox as events carry it: without its HMAC token, its signing secret and its mail passwords. */
function shareableFieldsOf(inbox: InboxRecord): Omit<InboxRecord, 'hmac_token' | 'secret'> {
  const { hmac_token: _hmacToken, secret: _secret, ...rest } = inbox;
  return { ...rest, channel_settings: withoutSecrets(rest.channel_settings) };
}

/** The event of a change to an inbox, its members, its bot or its signing secret. */
export const inboxEvent = (name: string, member: MemberActor, inbox: InboxRecord, data: Record<string, unknown> = {}) =>
  changeEvent(
    name,
    member,
    inbox.account_id,
    { type: 'inbox', id: inbox.id },
    { inbox: shareableFieldsOf(inbox), ...data },
  );

/**
 * What an update changed in the inbox. A change of a password is named (`channel_settings` changed) without its
 * values: the settings on either side go without their secrets.
 */
export const inboxChanges = (before: InboxRecord, changes: Partial<InboxRecord>) =>
  changedAttributes(before, changes).map((change) =>
    Object.fromEntries(
      Object.entries(change).map(([attribute, { previous_value, current_value }]) => [
        attribute,
        attribute === 'channel_settings'
          ? { previous_value: withoutSecrets(previous_value), current_value: withoutSecrets(current_value) }
          : { previous_value, current_value },
      ]),
    ),
  );
