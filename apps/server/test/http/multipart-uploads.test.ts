import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { setTimeout } from 'node:timers/promises';
import fc from 'fast-check';
import { createApp } from '../../src/app';
import { createContainer } from '../../src/container';
import { handlers } from '../../src/http/handler-registry';
import { operationAccess } from '../../src/http/operation-access';
import type { HandlerMap } from '../../src/http/operation-types';
import { loadSpecDocument, type SpecDocument } from '../../src/http/spec-document';
import type { UploadedFile } from '../../src/http/uploaded-file';
import { type AccountFixture, createAccountFixture, startTestServer, type TestServer } from '../../src/testing';
import {
  describeExchange,
  prepareFuzzSetting,
  RequestArbitraries,
  sendFuzzRequest,
  specOperations,
} from '../../src/testing/spec-fuzz';

/** A note's fields, as JSON takes them; the form takes the same fields, and files. */
const noteFields = {
  type: 'object',
  additionalProperties: false,
  properties: {
    content: { type: 'string', maxLength: 150000 },
    private: { type: 'boolean' },
    count: { type: 'integer', minimum: 0 },
    content_attributes: { type: 'object', additionalProperties: true },
  },
};

const maxAttachments = 15;

/** An operation of its own, which takes notes as JSON or as a form with files, and answers what its handler got. */
const notes = {
  post: {
    operationId: 'createNote',
    tags: ['Contacts'],
    summary: 'Create a note',
    security: [{ userApiKey: [] }],
    parameters: [{ $ref: '#/components/parameters/AccountId' }],
    requestBody: {
      required: true,
      content: {
        'application/json': { schema: noteFields },
        'multipart/form-data': {
          schema: {
            allOf: [
              noteFields,
              {
                type: 'object',
                properties: {
                  attachments: {
                    type: 'array',
                    maxItems: maxAttachments,
                    items: { type: 'string', format: 'binary' },
                  },
                },
              },
            ],
          },
          encoding: { content_attributes: { contentType: 'application/json' } },
        },
      },
    },
    responses: {
      '200': {
        description: 'What the handler got.',
        content: { 'application/json': { schema: { type: 'object', additionalProperties: true } } },
      },
      '400': { $ref: '#/components/responses/BadRequest' },
      '401': { $ref: '#/components/responses/Unauthorized' },
      '404': { $ref: '#/components/responses/NotFound' },
      '413': { $ref: '#/components/responses/BadRequest' },
      '415': { $ref: '#/components/responses/BadRequest' },
      '422': { $ref: '#/components/responses/UnprocessableEntity' },
      '429': { $ref: '#/components/responses/TooManyRequests' },
    },
  },
};

const notesPath = '/api/v1/accounts/{account_id}/notes';

function documentWith(operations: Record<string, unknown>): SpecDocument {
  const spec = loadSpecDocument();
  return { ...spec, paths: { ...spec.paths, ...operations } } as SpecDocument;
}

const document = documentWith({ [notesPath]: notes });

/** How many requests reached the handler with files. */
let formsWithFiles = 0;

/** The files the handler got, with their bytes as text. */
let received: { body: unknown; files: Array<Omit<UploadedFile, 'open'> & { text: string }> } | undefined;

const createNote = async ({ body, files }: { body: unknown; files: readonly UploadedFile[] }) => {
  const read = await Promise.all(files.map(async ({ open, ...file }) => ({ ...file, text: await text(open()) })));
  received = { body, files: read };
  if (files.length > 0) formsWithFiles += 1;
  return { status: 200, body: { body, files: read.map(({ field, fileName }) => ({ field, fileName })) } };
};

const maxFileBytes = 1024;
let uploadFolder: string;
let server: TestServer;
let fixture: AccountFixture;
beforeAll(async () => {
  uploadFolder = mkdtempSync(path.join(os.tmpdir(), 'inquirly-test-uploads-'));
  server = await startTestServer({
    app: {
      document,
      handlers: { ...handlers, createNote } as unknown as HandlerMap,
      access: { ...operationAccess, createNote: { schemes: ['userApiKey'], inAccount: true } },
      uploads: { maxFileBytes, directory: uploadFolder },
    },
  });
  fixture = await createAccountFixture(server);
});
afterAll(async () => {
  await server.close();
  rmSync(uploadFolder, { recursive: true, force: true });
});
beforeEach(() => {
  received = undefined;
});

const notesUrl = () => `${server.url}/api/v1/accounts/${fixture.accountId}/notes`;

/** Posts a form, or another body, to the notes; answers the status and the JSON body. */
async function post(
  body: FormData | string | Buffer,
  headers: Record<string, string> = {},
  token = fixture.admin.token,
) {
  const response = await fetch(notesUrl(), { method: 'POST', headers: { api_access_token: token, ...headers }, body });
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

function form(
  fields: Record<string, string>,
  files: Array<[field: string, name: string, content: string, type?: string]>,
) {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  for (const [field, name, content, type] of files) data.append(field, new Blob([content], { type: type ?? '' }), name);
  return data;
}

const attachments = (count: number) =>
  Array.from({ length: count }, (_, index): [string, string, string, string] => [
    'attachments[]',
    `file-${index}.txt`,
    `content ${index}`,
    'text/plain',
  ]);

/** The files waiting in the upload folder. */
const spooled = () => readdirSync(uploadFolder);

describe('a form with files', () => {
  test('reaches the handler with its text fields read as the JSON body and its files in order', async () => {
    const response = await post(
      form({ content: 'Hello', private: 'true', count: '5', content_attributes: '{"items":[{"title":"A"}]}' }, [
        ['attachments[]', 'photo.png', 'PNG bytes', 'image/png'],
        ['attachments', 'notes.txt', 'some notes', 'text/plain; charset=utf-8'],
      ]),
    );
    expect(response.status).toBe(200);
    expect(received).toEqual({
      body: { content: 'Hello', private: true, count: 5, content_attributes: { items: [{ title: 'A' }] } },
      files: [
        { field: 'attachments', fileName: 'photo.png', contentType: 'image/png', size: 9, text: 'PNG bytes' },
        { field: 'attachments', fileName: 'notes.txt', contentType: 'text/plain', size: 10, text: 'some notes' },
      ],
    });
  });

  test('is validated as the JSON body is, naming the field', async () => {
    const response = await post(form({ count: 'many' }, []));
    expect(response.status).toBe(422);
    expect(response.body.attributes).toEqual(['count']);
    expect((await post(form({ extra: 'x' }, []))).status).toBe(422);
    expect(received).toBeUndefined();
  });

  test('may be sent without files, and the same operation still takes JSON, with no files', async () => {
    expect((await post(form({ content: 'No files' }, []))).status).toBe(200);
    expect(received).toEqual({ body: { content: 'No files' }, files: [] });
    const json = await post(JSON.stringify({ content: 'As JSON', private: false }), {
      'content-type': 'application/json',
    });
    expect(json.status).toBe(200);
    expect(received).toEqual({ body: { content: 'As JSON', private: false }, files: [] });
  });

  test('names a file without control characters and gives a media type it cannot read as octet-stream', async () => {
    const part = [
      '--b',
      `Content-Disposition: form-data; name="attachments[]"; filename*=UTF-8''a%07b%00.bin`,
      `Content-Type: text/${'x'.repeat(200)}`,
      '',
      'x',
      '--b--',
      '',
    ].join('\r\n');
    const response = await post(part, { 'content-type': 'multipart/form-data; boundary=b' });
    expect(response.status).toBe(200);
    expect(received?.files[0]).toMatchObject({ fileName: 'ab.bin', contentType: 'application/octet-stream' });
  });

  test('leaves nothing in the upload folder once it is answered', async () => {
    await post(form({ content: 'Tidy' }, attachments(3)));
    // The uploads are removed as the response closes, which the client may see a moment before.
    for (let attempt = 0; attempt < 50 && spooled().length > 0; attempt++) await setTimeout(10);
    expect(spooled()).toEqual([]);
  });
});

describe('the limits of a form', () => {
  test(`${maxAttachments} files are taken, one more is a 422 as the reference words it`, async () => {
    expect((await post(form({}, attachments(maxAttachments)))).status).toBe(200);
    expect(received?.files).toHaveLength(maxAttachments);
    received = undefined;
    const response = await post(form({}, attachments(maxAttachments + 1)));
    expect(response).toEqual({
      status: 422,
      body: {
        message: 'Validation failed: Attachments exceeded maximum allowed',
        attributes: ['attachments'],
        code: 'VALIDATION_FAILED',
      },
    });
    expect(received).toBeUndefined();
    expect(spooled()).toEqual([]);
  });

  test('a file larger than the limit is a 422 naming its field, and nothing of it is kept', async () => {
    const response = await post(form({}, [['attachments[]', 'big.bin', 'x'.repeat(maxFileBytes + 1)]]));
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ attributes: ['attachments'], code: 'VALIDATION_FAILED' });
    expect(response.body.message).toContain('Attachments');
    expect(spooled()).toEqual([]);
    expect((await post(form({}, [['attachments[]', 'fits.bin', 'x'.repeat(maxFileBytes)]]))).status).toBe(200);
  });

  test('a file in a field that takes none, or text in one that takes files, is a 422 naming the field', async () => {
    const fileAsContent = await post(form({}, [['content', 'content.txt', 'text']]));
    expect(fileAsContent.status).toBe(422);
    expect(fileAsContent.body.attributes).toEqual(['content']);
    const textAsFile = await post(form({ 'attachments[]': 'not a file' }, []));
    expect(textAsFile.status).toBe(422);
    expect(textAsFile.body.attributes).toEqual(['attachments']);
  });

  test('text fields of more than 1 MB together are a 413, as a JSON body of that size is', async () => {
    const half = 'x'.repeat(600 * 1024);
    const response = await post(form({ content: half, other: half }, []));
    expect(response).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  test('a text no store can keep is a 422 naming its field, as in JSON', async () => {
    const response = await post(form({ content: 'a\u0000b' }, []));
    expect(response.status).toBe(422);
    expect(response.body.attributes).toEqual(['content']);
  });

  test.each([
    ['junk under a boundary', 'multipart/form-data; boundary=fuzz', '{}'],
    ['no boundary', 'multipart/form-data', '--x\r\n'],
    [
      'a part cut off',
      'multipart/form-data; boundary=b',
      '--b\r\nContent-Disposition: form-data; name="content"\r\n\r\nhal',
    ],
  ])('a body that is no valid form (%s) is a 400 in JSON', async (_case, type, body) => {
    const response = await post(body, { 'content-type': type });
    expect(response).toMatchObject({ status: 400, body: { code: 'MALFORMED_MULTIPART' } });
  });
});

describe('who may upload', () => {
  test('a caller without a valid token is refused before any file is read', async () => {
    for (const token of ['', 'not-a-token']) {
      const response = await post(form({}, attachments(2)), {}, token);
      expect(response.status).toBe(401);
    }
    expect(received).toBeUndefined();
    expect(spooled()).toEqual([]);
  });

  test('a caller of another account is refused before any file is read', async () => {
    const response = await post(form({}, attachments(1)), {}, fixture.outsider.token);
    expect(response).toMatchObject({ status: 401, body: { code: 'ACCOUNT_ACCESS_DENIED' } });
  });

  test('an account id past the largest the spec allows is refused as an account of another', async () => {
    const response = await fetch(`${server.url}/api/v1/accounts/2147483648/notes`, {
      method: 'POST',
      headers: { api_access_token: fixture.admin.token },
      body: form({}, attachments(1)),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'ACCOUNT_ACCESS_DENIED' });
    expect(received).toBeUndefined();
  });

  test('an operation that takes no form answers a form 415, in JSON', async () => {
    const response = await fetch(`${server.url}/api/v1/accounts/${fixture.accountId}/teams`, {
      method: 'POST',
      headers: { api_access_token: fixture.admin.token },
      body: form({ name: 'Team' }, attachments(1)),
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });
});

test('the fuzz run sends an operation that takes files forms with files, and they get no 5xx and JSON 4xx', async () => {
  const [operation] = specOperations(document).filter(({ operationId }) => operationId === 'createNote');
  if (!operation) throw new Error('the notes operation is missing');
  expect(operation.fileFields).toEqual(['attachments']);
  formsWithFiles = 0;
  const setting = await prepareFuzzSetting(server, document, specOperations(document), [operation]);
  await fc.assert(
    fc.asyncProperty(new RequestArbitraries(document, setting).requests(operation), async (request) => {
      const { response, problem } = await sendFuzzRequest(server, request, operation);
      if (problem) throw new Error(`${problem}\n${describeExchange(request, response)}`);
    }),
    { numRuns: 60 },
  );
  expect(formsWithFiles).toBeGreaterThan(0);
});

describe('the server refuses at start', () => {
  const container = () => createContainer({ db: server.db });
  const formOnly = (schema: Record<string, unknown>) =>
    documentWith({
      [notesPath]: {
        post: {
          ...notes.post,
          requestBody: { content: { 'multipart/form-data': { schema } } },
        },
      },
    });

  test('a form without a JSON body its fields are read as', () => {
    expect(() => createApp({ container: container(), document: formOnly(noteFields) })).toThrow(
      'createNote: its multipart/form-data body needs an application/json one',
    );
  });

  test('a field of many files without a maxItems', () => {
    const unbounded = {
      [notesPath]: {
        post: {
          ...notes.post,
          requestBody: {
            content: {
              'application/json': { schema: noteFields },
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  properties: { files: { type: 'array', items: { type: 'string', format: 'binary' } } },
                },
              },
            },
          },
        },
      },
    };
    expect(() => createApp({ container: container(), document: documentWith(unbounded) })).toThrow(
      'createNote: its file field files needs a maxItems',
    );
  });
});
