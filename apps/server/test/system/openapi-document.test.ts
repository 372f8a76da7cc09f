import { startTestServer, type TestServer } from '../../src/testing';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

test('serves the bundled OpenAPI document, to a browser on any origin', async () => {
  const response = await fetch(`${server.url}/openapi.json`, { headers: { origin: 'https://docs.example.com' } });
  expect(response.status).toBe(200);
  expect(response.headers.get('access-control-allow-origin')).toBe('*');
  const document = (await response.json()) as { openapi: string; info: { title: string }; paths: Record<string, any> };
  expect(document.openapi).toBe('3.1.0');
  expect(document.info.title).toBe('Inquirly API');
  expect(document.paths['/openapi.json'].get.operationId).toBe('getOpenApiDocument');
  expect(document.paths['/api/v1/accounts/{account_id}/webhooks'].post.operationId).toBe('createWebhook');
  // As generated: references stay references, not what the request validator makes of them.
  expect(JSON.stringify(document.paths['/api/v1/accounts/{account_id}/webhooks'].post.requestBody)).toContain(
    '"$ref":"#/components/schemas/WebhookCreate"',
  );
});
