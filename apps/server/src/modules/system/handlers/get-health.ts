import type { Handler } from '../../../http/operation-types';

export const getHealth: Handler<'getHealth'> = async ({ services }) => {
  if (await services.databaseAnswers()) return { status: 200, body: { status: 'ok', database: 'up' } };
  return { status: 503, body: { status: 'unavailable', database: 'down' } };
};
