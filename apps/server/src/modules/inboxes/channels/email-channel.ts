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
  newTokens: () => ({ inbox_identifier: null, website_token: null, hmac_token: null, secret: null }),
  contactSourcing: {
    requiredField: 'email',
    newSourceId: (contact) => contact.email ?? undefined,
    reachableAs: (contact) => contact.email ?? undefined,
  },
  // Each setting is named, so that neither the passwords nor any other key the stored settings may hold leave.
  present(inbox, viewer) {
    const settings = inbox.channel_settings as EmailSettings;
    return {
      email: inbox.email_address ?? '',
      ...(viewer.administrator && {
        imap_enabled: settings.imap_enabled,
        imap_address: settings.imap_address,
        imap_port: settings.imap_port,
        imap_login: settings.imap_login,
        imap_enable_ssl: settings.imap_enable_ssl,
        smtp_enabled: settings.smtp_enabled,
        smtp_address: settings.smtp_address,
        smtp_port: settings.smtp_port,
        smtp_login: settings.smtp_login,
        smtp_domain: settings.smtp_domain,
        smtp_enable_ssl_tls: settings.smtp_enable_ssl_tls,
        smtp_enable_starttls_auto: settings.smtp_enable_starttls_auto,
        smtp_authentication: settings.smtp_authentication,
        smtp_openssl_verify_mode: settings.smtp_openssl_verify_mode,
      }),
    };
  },
};
