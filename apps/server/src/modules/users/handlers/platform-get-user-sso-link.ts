import type { Handler } from '../../../http/operation-types';

export const platformGetUserSsoLink: Handler<'platformGetUserSsoLink'> = async ({ path, actor, services, origin }) => {
  const url = await services.sso.issueLink(actor, path.id, origin);
  return { status: 200, body: { url } };
};
