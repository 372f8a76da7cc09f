import { isAdministrator, type MemberActor } from '../../auth/actor';
import { isUniqueViolation } from '../../db/unique-violation';
import { appError, validationError } from '../../errors/app-error';
import type { Schemas } from '../../http/schemas';
import { randomToken } from '../access-tokens/random-token';
import type { ServiceDependencies } from '../service-dependencies';
import { channelOfKind, channelOfType } from './channels/channel-catalogue';
import { channelChanges } from './channels/channel-changes';
import { findAccountInbox, findVisibleInbox } from './inbox-access';
import { inboxChanges, inboxEvent } from './inbox-events';
import { type InboxFields, type InboxRecord, inboxRepository } from './inbox-repository';
import { defaultInboxSettings, settingChanges } from './inbox-settings';
import { defaultWorkingHours } from './working-hours';

const emailTaken = () => validationError([{ attribute: 'channel.email', message: 'has already been taken' }]);

/** Inboxes of an account with their channels: who sees which, and how administrators set them up. */
export function inboxService({ db, clock, events }: ServiceDependencies) {
  const inboxes = inboxRepository(db);

  /** Runs a write that may store an email address, turning a clash over it into a 422 even when it races. */
  async function guardingEmail<T>(
    emailAddress: string | null | undefined,
    exceptInboxId: number | undefined,
    write: () => Promise<T>,
  ) {
    if (emailAddress && (await inboxes.emailTaken(emailAddress, exceptInboxId))) throw emailTaken();
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error) && emailAddress && (await inboxes.emailTaken(emailAddress, exceptInboxId))) {
        throw emailTaken();
      }
      throw error;
    }
  }

  return {
    /** Every inbox of the account for administrators; for agents, the inboxes they are members of. */
    async list(member: MemberActor): Promise<InboxRecord[]> {
      return inboxes.listInAccount(member.account.id, isAdministrator(member) ? undefined : member.user.id);
    },

    async get(member: MemberActor, inboxId: number): Promise<InboxRecord> {
      return findVisibleInbox(db, member, inboxId);
    },

    async create(member: MemberActor, input: Schemas['InboxCreate']): Promise<InboxRecord> {
      const channel = channelOfKind(input.channel.type);
      const { settings, emailAddress } = channelChanges(channel, input.channel);
      const fields: InboxFields = {
        account_id: member.account.id,
        channel_type: channel.channelType,
        ...defaultInboxSettings(),
        ...settingChanges(input, defaultWorkingHours()),
        name: input.name.trim(),
        email_address: emailAddress ?? null,
        channel_settings: { ...channel.defaults(), ...settings },
        ...channel.newTokens(),
      };
      return guardingEmail(fields.email_address, undefined, () =>
        db.transaction(async (trx) => {
          const inbox = await inboxRepository(trx).insert(fields, clock.nowSeconds());
          await events.record(trx, inboxEvent('inbox_created', member, inbox));
          return inbox;
        }),
      );
    },

    /** Changes the settings given; the channel's settings merge into the stored ones. */
    async update(member: MemberActor, inboxId: number, input: Schemas['InboxUpdate']): Promise<InboxRecord> {
      const inbox = await findAccountInbox(db, member, inboxId);
      const channel = channelOfType(inbox.channel_type);
      const { settings, emailAddress } = channelChanges(channel, input.channel ?? {});
      return guardingEmail(emailAddress, inbox.id, () =>
        db.transaction(async (trx) => {
          const repository = inboxRepository(trx);
          // Settings merge into what is stored, so the stored row is read again under a lock.
          const current = (await repository.findInAccount(member.account.id, inbox.id, { lock: true })) ?? inbox;
          const changes: Partial<InboxFields> = {
            ...settingChanges(input, current.working_hours),
            ...(Object.keys(settings).length > 0 && {
              channel_settings: { ...current.channel_settings, ...settings },
            }),
            ...(emailAddress !== undefined && { email_address: emailAddress }),
          };
          const now = clock.nowSeconds();
          await repository.update(inbox.id, changes, now);
          const updated = { ...current, ...changes, updated_at: now };
          const changed = inboxChanges(current, changes);
          await events.record(trx, inboxEvent('inbox_updated', member, updated, { changed_attributes: changed }));
          return updated;
        }),
      );
    },

    /** Gives an API inbox a new signing secret; other channel types have none, and are not found here. */
    async resetSecret(member: MemberActor, inboxId: number): Promise<InboxRecord> {
      const inbox = await findAccountInbox(db, member, inboxId);
      if (inbox.channel_type !== 'Channel::Api') throw appError('RESOURCE_NOT_FOUND');
      return db.transaction(async (trx) => {
        const current =
          (await inboxRepository(trx).findInAccount(member.account.id, inbox.id, { lock: true })) ?? inbox;
        const now = clock.nowSeconds();
        const changes = { secret: randomToken() };
        await inboxRepository(trx).update(current.id, changes, now);
        const updated = { ...current, ...changes, updated_at: now };
        await events.record(trx, inboxEvent('inbox_secret_reset', member, updated));
        return updated;
      });
    },
  };
}

export type InboxService = ReturnType<typeof inboxService>;
