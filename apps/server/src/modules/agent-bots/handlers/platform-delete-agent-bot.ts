import type { Handler } from '../../../http/operation-types';

export const platformDeleteAgentBot: Handler<'platformDeleteAgentBot'> = async ({ path, actor, services }) => {
  await services.agentBots.delete(actor, path.id);
  return { status: 200 };
};
