import { platformAppOf } from '../../../auth/caller';
import type { Handler } from '../../../http/operation-types';

export const platformDeleteAgentBot: Handler<'platformDeleteAgentBot'> = async ({ path, caller, services }) => {
  await services.agentBots.delete(platformAppOf(caller), path.id);
  return { status: 200 };
};
