import { platformAppOf } from '../../../auth/caller';
import type { Handler } from '../../../http/operation-types';

export const platformGetUserSsoLink: Handler<'platformGetUserSsoLink'> = async ({ path, caller, services, origin }) => {
  const url = await services.sso.issueLink(platformAppOf(caller), path.id, origin);
  return { status: 200, body: { url } };
};
