import type { AccountRecord } from '../modules/accounts/account-repository';
import type { AgentBotRecord } from '../modules/agent-bots/agent-bot-repository';
import type { UserRecord } from '../modules/users/user-repository';
import type { MemberActor } from './actor';
import { actorPipeline } from './actor-pipeline';
import type { Caller } from './caller';

const account = { id: 1, name: 'Acme' } as AccountRecord;
const user = { id: 7, name: 'Sam' } as UserRecord;
const bot = { id: 3, name: 'Triage', account_id: 1 } as AgentBotRecord;

/** Services that know one token per caller kind, and one member of account 1 with the given role. */
function services(role: MemberActor['role']) {
  const callers: Record<string, Caller> = {
    'user-token': { kind: 'user', user },
    'bot-token': { kind: 'agentBot', agentBot: bot },
  };
  return {
    callers: {
      lookup: async () => ({
        findCaller: async (token: string) => callers[token],
        resolveMember: async (_user: UserRecord, accountId: number): Promise<MemberActor> => {
          if (accountId !== account.id) throw new Error('not a member');
          return { kind: 'member', account, user, role };
        },
      }),
    },
  };
}

const request = (token: string, accountId?: number) => ({ headers: { api_access_token: token }, accountId });

test('an account operation makes a member of the path account, with the role the operation requires', async () => {
  const rule = { schemes: ['userApiKey'], inAccount: true, requiredRole: 'administrator' } as const;
  await expect(actorPipeline(rule, services('administrator'))(request('user-token', 1))).resolves.toMatchObject({
    kind: 'member',
    role: 'administrator',
  });
  await expect(actorPipeline(rule, services('agent'))(request('user-token', 1))).rejects.toMatchObject({
    code: 'ACTION_NOT_ALLOWED',
  });
});

test('an account operation with no account to place the caller in is refused, not run as a plain user', async () => {
  const rule = { schemes: ['userApiKey'], inAccount: true } as const;
  await expect(actorPipeline(rule, services('agent'))(request('user-token'))).rejects.toMatchObject({
    code: 'ACCOUNT_ACCESS_DENIED',
  });
});

test('a bot acts inside its own account only', async () => {
  const rule = { schemes: ['agentBotApiKey'], inAccount: true } as const;
  await expect(actorPipeline(rule, services('agent'))(request('bot-token', 1))).resolves.toEqual({
    kind: 'agentBot',
    agentBot: bot,
  });
  await expect(actorPipeline(rule, services('agent'))(request('bot-token', 2))).rejects.toMatchObject({
    code: 'ACCOUNT_ACCESS_DENIED',
  });
});

test('a token of a kind the operation does not take is refused as the reference words it', async () => {
  const userOnly = { schemes: ['userApiKey'], inAccount: false } as const;
  await expect(actorPipeline(userOnly, services('agent'))(request('bot-token'))).rejects.toMatchObject({
    code: 'BOT_ENDPOINT_NOT_ALLOWED',
  });
  const platformOnly = { schemes: ['platformAppApiKey'], inAccount: false } as const;
  await expect(actorPipeline(platformOnly, services('agent'))(request('user-token'))).rejects.toMatchObject({
    code: 'INVALID_PLATFORM_TOKEN',
  });
  await expect(actorPipeline(userOnly, services('agent'))(request('unknown'))).rejects.toMatchObject({
    code: 'INVALID_ACCESS_TOKEN',
  });
});

test('an open operation has no actor and reads no token', async () => {
  await expect(actorPipeline({ schemes: [], inAccount: false }, services('agent'))(request('unknown'))).resolves.toBe(
    undefined,
  );
});
