import type { Schemas } from '../../http/schemas';
import type { PublicContactView } from './public-contact-service';

/** A contact's session as the client API answers it. */
export const toPublicContact = ({ contact, session, pubsubToken }: PublicContactView): Schemas['PublicContact'] => ({
  id: contact.id,
  source_id: session.source_id,
  pubsub_token: pubsubToken,
  name: contact.name,
  email: contact.email,
  phone_number: contact.phone_number,
});
