import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { createInquirlyClient, InquirlyApiError } from '../src';
import { createInquirlyQueryHooks, type InquirlyQueryHooks } from '../src/react';

/**
 * An account's open conversations, each with a button that resolves it; once the server has answered, the list is
 * fetched again. Mounted as `<Inbox token={userToken} accountId={1} />`.
 */
export function Inbox({ token, accountId }: { token: string; accountId: number }) {
  // A new cache with each token: the query keys hold paths and parameters, not who asked.
  const { queryClient, hooks } = useMemo(
    () => ({
      queryClient: new QueryClient(),
      hooks: createInquirlyQueryHooks(createInquirlyClient({ baseUrl: 'https://support.example.com', token })),
    }),
    [token],
  );
  return (
    <QueryClientProvider client={queryClient}>
      <OpenConversations hooks={hooks} accountId={accountId} />
    </QueryClientProvider>
  );
}

function OpenConversations({ hooks, accountId }: { hooks: InquirlyQueryHooks; accountId: number }) {
  const queryClient = useQueryClient();
  const { data, error, isPending } = hooks.useQuery('get', '/api/v1/accounts/{account_id}/conversations', {
    params: { path: { account_id: accountId }, query: { status: 'open' } },
  });
  const toggleStatus = hooks.useMutation(
    'post',
    '/api/v1/accounts/{account_id}/conversations/{conversation_id}/toggle_status',
    {
      // A key's first items are the method and path, so this marks every conversation list stale, whatever its filters.
      onSuccess: () =>
        queryClient.invalidateQueries({ queryKey: ['get', '/api/v1/accounts/{account_id}/conversations'] }),
    },
  );

  if (isPending) return <p>Loading…</p>;
  // An answer of the server fails as an InquirlyApiError, with its status and code typed; no answer, as fetch's Error.
  if (error instanceof InquirlyApiError && error.status === 401) return <p role="alert">Please sign in again.</p>;
  if (error) return <p role="alert">{error.message}</p>;
  return (
    <ul>
      {data.data.payload.map((conversation) => (
        <li key={conversation.id}>
          #{conversation.id} {conversation.meta.sender.name}{' '}
          <button
            type="button"
            disabled={toggleStatus.isPending}
            onClick={() =>
              toggleStatus.mutate({
                params: { path: { account_id: accountId, conversation_id: conversation.id } },
                body: { status: 'resolved' },
              })
            }
          >
            Resolve
          </button>
        </li>
      ))}
      {toggleStatus.error instanceof InquirlyApiError && toggleStatus.error.code === 'RESOURCE_NOT_FOUND' && (
        <li role="alert">That conversation is gone.</li>
      )}
    </ul>
  );
}
