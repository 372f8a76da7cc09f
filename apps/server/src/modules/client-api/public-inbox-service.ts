import { appError } from '../../errors/app-error';
import type { InboxRecord } from '../inboxes/inbox-repository';
import type { ServiceDependencies } from '../service-dependencies';

/** The API inboxes the client API addresses by their public identifiers. */
export function publicInboxService({ db, repositories }: ServiceDependencies) {
  return {
    /** The API inbox of this identifier; 404 when no API inbox has it. */
    async find(inboxIdentifier: string): Promise<InboxRecord> {
      const inbox = await repositories.inboxes(db).findByIdentifier(inboxIdentifier);
      if (!inbox) throw appError('RESOURCE_NOT_FOUND');
      return inbox;
    },
  };
}

export type PublicInboxService = ReturnType<typeof publicInboxService>;
