import type { TestServer } from '@inquirly/server/testing';
import { createInquirlyClient, type InquirlyClient, unwrap } from '../src';

/** A new account, made through the platform API, with one administrator, their token and a client acting as them. */
export async function accountWithAdministrator(
  server: TestServer,
  name: string,
  adminEmail: string,
): Promise<{ accountId: number; admin: InquirlyClient; adminToken: string }> {
  const platform = createInquirlyClient({ baseUrl: server.url, token: await server.createPlatformApp(name) });
  const account = await unwrap(platform.POST('/platform/api/v1/accounts', { body: { name: `${name} Ltd` } }));
  const user = await unwrap(
    platform.POST('/platform/api/v1/users', { body: { name: 'Ada Admin', email: adminEmail } }),
  );
  await unwrap(
    platform.POST('/platform/api/v1/accounts/{account_id}/account_users', {
      params: { path: { account_id: account.id } },
      body: { user_id: user.id, role: 'administrator' },
    }),
  );
  return {
    accountId: account.id,
    admin: createInquirlyClient({ baseUrl: server.url, token: user.access_token }),
    adminToken: user.access_token,
  };
}
