/**
 * The sources of the consumer project that `pnpm check:packages` and the packed-client test compile against the
 * installed tarballs: an ES module and a CommonJS module using the client's main entry. Each prints a line when run,
 * so running the compiled files proves they load too.
 */
export const consumerSources = {
  'tsconfig.json': JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        lib: ['ES2023', 'DOM'],
        types: [],
        strict: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        skipLibCheck: false,
        outDir: 'out',
      },
      files: ['esm.mts', 'cjs.cts'],
    },
    null,
    2,
  ),
  'esm.mts': `import { createInquirlyClient, eachContact, InquirlyApiError, unwrap } from '@inquirly/client';

// Options take \`undefined\` under exactOptionalPropertyTypes, as an unset environment variable gives.
const environment: Record<string, string | undefined> = {};
const client = createInquirlyClient({ baseUrl: 'http://127.0.0.1:9', token: environment.INQUIRLY_TOKEN });

export async function profileName(): Promise<string> {
  const profile = await unwrap(client.GET('/api/v1/profile'));
  return profile.available_name;
}

export async function firstEmails(accountId: number): Promise<(string | null)[]> {
  const emails: (string | null)[] = [];
  for await (const contact of eachContact(client, { accountId, query: { sort: 'email' } })) emails.push(contact.email);
  return emails;
}

export function unknownPath(): Promise<unknown> {
  // @ts-expect-error there is no such path
  return client.GET('/api/v1/not_a_resource');
}

const error = new InquirlyApiError(404, { error: 'Resource could not be found', code: 'RESOURCE_NOT_FOUND' });
// @ts-expect-error error codes are a union of the API's codes
if (error.code === 'NOT_A_CODE') throw error;
if (error.code === 'RESOURCE_NOT_FOUND') console.log('esm', typeof createInquirlyClient, error.status);
`,
  'cjs.cts': `import { createInquirlyClient, InquirlyApiError, unwrap } from '@inquirly/client';

const client = createInquirlyClient({ baseUrl: 'http://127.0.0.1:9', token: undefined, fetch: undefined });

export async function profileName(): Promise<string> {
  const profile = await unwrap(client.GET('/api/v1/profile'));
  return profile.available_name;
}

const error = new InquirlyApiError(422, { message: 'name: is blank', attributes: ['name'], code: 'VALIDATION_FAILED' });
if (error.code === 'VALIDATION_FAILED') console.log('cjs', typeof createInquirlyClient, error.attributes.join());
`,
} as const;

/** A module of the consumer using `@inquirly/client/react`, for a project that installed its peers. */
export const reactConsumerSources = {
  'tsconfig.react.json': JSON.stringify(
    { extends: './tsconfig.json', compilerOptions: { skipLibCheck: true }, files: ['react.mts'] },
    null,
    2,
  ),
  'react.mts': `import { QueryClient } from '@tanstack/react-query';
import { createInquirlyClient, InquirlyApiError } from '@inquirly/client';
import { createInquirlyQueryHooks } from '@inquirly/client/react';

const hooks = createInquirlyQueryHooks(createInquirlyClient({ baseUrl: 'http://127.0.0.1:9', token: undefined }));
const queries = new QueryClient();

export async function openConversationIds(accountId: number): Promise<number[]> {
  const answer = await queries.fetchQuery(
    hooks.queryOptions('get', '/api/v1/accounts/{account_id}/conversations', {
      params: { path: { account_id: accountId }, query: { status: 'open' } },
    }),
  );
  return answer.data.payload.map((conversation) => conversation.id);
}

export function wrongPath(): unknown {
  // @ts-expect-error there is no such path
  return hooks.queryOptions('get', '/api/v1/not_a_resource');
}

console.log(typeof hooks.useQuery, typeof InquirlyApiError);
`,
} as const;
