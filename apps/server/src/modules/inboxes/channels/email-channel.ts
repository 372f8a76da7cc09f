import type { Schemas } from '../../../http/schemas';
import type { ChannelDefinition } from './channel-definition';

// The address itself lives in the inbox's `email_address` column, where it is unique across the server.
type EmailSettings = Required<Omit<Schemas['EmailChannelSettings'], 'email'>>;

/** A support mailbox. Its server settings are kept for when mail is fetched and sent; passwords never leave. */
export const emailChannel: ChannelDefinition = {
  kind: 'email',
  channelType: 'Channel::Email',
  fields: [
    'email',
    'imap_enabled',
    'imap_address',
    'imap_port',
    'imap_login',
    'imap_password',
    'imap_enable_ssl',
    'smtp_enabled',
    'smtp_address',
    'smtp_port',
    'smtp_login',
    'smtp_password',
    'smtp_domain',
    'smtp_enable_ssl_tls',
    'smtp_enable_starttls_auto',
    'smtp_authentication',
    'smtp_openssl_verify_mode',
  ],
  defaults: (): EmailSettings => ({
    imap_enabled: false,
    imap_address: '',
    imap_port: 0,
    imap_login: '',
    imap_password: '',
    imap_enable_ssl: true,
    smtp_enabled: false,
    smtp_address: '',
    smtp_port: 0,
    smtp_login: '',
    smtp_password: '',
    smtp_domain: '',
    smtp_enable_ssl_tls: false,
    smtp_enable_starttls_auto: true,
    smtp_authentication: 'login',
    smtp_openssl_verify_mode: 'none',
  }),
  newTokens: () => ({ inbox_identifier: null, website_token: null, hmac_token: null }),
  contactSourcing: {
    requiredField: 'email',
    newSourceId: (contact) => contact.email ?? undefined,
    reachableAs: (contact) => contact.email ?? undefined,
  },
  present(inbox, viewer) {
    const {
      imap_password: _imapPassword,
      smtp_password: _smtpPassword,
      ...settings
    } = inbox.channel_settings as EmailSettings;
    return { email: inbox.email_address ?? '', ...(viewer.administrator && settings) };
  },
};
