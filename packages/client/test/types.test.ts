import {
  createInquirlyClient,
  type ErrorCode,
  InquirlyApiError,
  type Schemas,
  unwrap,
  type WebhookBody,
  type WebhookEventName,
} from '../src';

/**
 * Compile-time guarantees, proven by `tsc --noEmit` (typecheck): each `@ts-expect-error` fails the typecheck if the line
 * below it ever compiles. The calls are never awaited against a server; a fetch that answers nothing keeps them inert.
 */
const client = createInquirlyClient({
  baseUrl: 'http://127.0.0.1:9',
  fetch: () => Promise.resolve(new Response(null, { status: 204 })),
});

describe('types', () => {
  it('accepts only the paths, parameters and bodies of the spec', async () => {
    // @ts-expect-error there is no such path
    await client.GET('/platform/api/v1/not_a_resource');

    // @ts-expect-error accounts are created with POST, not PUT
    await client.PUT('/platform/api/v1/accounts', { body: { name: 'Acme' } });

    // @ts-expect-error `nmae` is not a field of PlatformAccountCreate
    await client.POST('/platform/api/v1/accounts', { body: { nmae: 'Acme' } });

    await client.POST('/platform/api/v1/accounts/{account_id}/account_users', {
      params: { path: { account_id: 1 } },
      // @ts-expect-error the role must be 'agent' or 'administrator'
      body: { user_id: 1, role: 'owner' },
    });

    // @ts-expect-error the path parameter `account_id` is required
    await client.GET('/platform/api/v1/accounts/{account_id}', {});

    expect(true).toBe(true);
  });

  it('types what unwrap resolves to', async () => {
    const profile: Schemas['User'] = await unwrap(client.GET('/api/v1/profile'));
    // @ts-expect-error a profile is a User, not an account
    const wrong: Schemas['PlatformAccount'] = await unwrap(client.GET('/api/v1/profile'));
    expect([profile, wrong]).toEqual([undefined, undefined]);
  });

  it("types an error's code as the spec's error codes", () => {
    const error = new InquirlyApiError(404, { error: 'Resource could not be found', code: 'RESOURCE_NOT_FOUND' });
    expect(error.code === 'RESOURCE_NOT_FOUND').toBe(true);
    // @ts-expect-error no error code is spelt this way
    expect(error.code === 'NOT_A_CODE').toBe(false);

    const known: ErrorCode = 'VALIDATION_FAILED';
    // @ts-expect-error ErrorCode is the spec's enum, not any string
    const unknown: ErrorCode = 'NOT_A_CODE';
    expect([known, unknown]).toEqual(['VALIDATION_FAILED', 'NOT_A_CODE']);
  });

  it("types a webhook delivery's body by its event", () => {
    const typing: WebhookBody<'conversation_typing_on'> = {
      event: 'conversation_typing_on',
      user: null,
      conversation: {} as Schemas['WebhookConversation'],
      is_private: false,
    };
    // @ts-expect-error a typing event's `is_private` is a boolean
    typing.is_private = 'no';
    // @ts-expect-error a body's `event` is its own event's name
    const stopped: WebhookBody<'conversation_typing_off'> = typing;
    // @ts-expect-error no event is called this
    const unknownEvent: WebhookEventName = 'conversation_deleted';

    // Any delivery's body, told apart by `event`.
    const summary = (body: WebhookBody<WebhookEventName>) =>
      body.event === 'message_created' ? `${body.message_type} message ${body.id}` : body.event;
    expect([summary(typing), stopped.event, unknownEvent]).toEqual([
      'conversation_typing_on',
      'conversation_typing_on',
      'conversation_deleted',
    ]);
  });

  it('keeps a code this version does not know, as the server sent it', () => {
    const error = new InquirlyApiError(400, { error: 'Something new', code: 'ADDED_LATER' });
    expect(error.code as string).toBe('ADDED_LATER');
  });
});
