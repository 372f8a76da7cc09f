import type { Handler } from '../../../http/operation-types';
import { toUser } from '../../users/user-mapper';

export const signInWithSsoLink: Handler<'signInWithSsoLink'> = async ({ query, services }) => {
  const user = await services.sso.signIn(query.email, query.sso_auth_token);
  return { status: 200, body: { data: toUser(user) } };
};
