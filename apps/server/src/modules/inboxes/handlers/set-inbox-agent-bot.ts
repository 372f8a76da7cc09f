import type { Handler } from '../../../http/operation-types';

/** POST /api/v1/accounts/{account_id}/inboxes/{id}/set_agent_bot */
export const setInboxAgentBot: Handler<'setInboxAgentBot'> = async ({ path, body, actor, services }) => {
  await services.inboxAgentBots.set(actor, path.id, body.agent_bot);
  return { status: 200 };
};
