import { loadConfig } from './config';

test('responses are validated everywhere but in production', () => {
  expect(loadConfig({}).validateResponses).toBe(true);
  expect(loadConfig({ NODE_ENV: 'test' }).validateResponses).toBe(true);
  expect(loadConfig({ NODE_ENV: 'production' }).validateResponses).toBe(false);
});

test('defaults to port 3000 and the embedded database under data/', () => {
  expect(loadConfig({})).toMatchObject({ port: 3000, databaseUrl: 'sqlite:data/inquirly.sqlite3' });
});

test('refuses a port that is not a port', () => {
  expect(() => loadConfig({ PORT: 'eighty' })).toThrow('PORT');
});

test('a process serves the API and dispatches events unless INQUIRLY_ROLE says otherwise', () => {
  expect(loadConfig({}).role).toBe('all');
  expect(loadConfig({ INQUIRLY_ROLE: 'worker' }).role).toBe('worker');
  expect(() => loadConfig({ INQUIRLY_ROLE: 'web' })).toThrow('INQUIRLY_ROLE');
});

test('handled events are kept a week unless EVENT_RETENTION_HOURS says otherwise', () => {
  expect(loadConfig({}).eventRetentionSeconds).toBe(7 * 24 * 3600);
  expect(loadConfig({ EVENT_RETENTION_HOURS: '2' }).eventRetentionSeconds).toBe(7200);
  expect(() => loadConfig({ EVENT_RETENTION_HOURS: 'soon' })).toThrow('EVENT_RETENTION_HOURS');
});

test('no origin may call the application and platform APIs from a browser unless CORS_ORIGINS lists it', () => {
  expect(loadConfig({}).corsOrigins).toEqual([]);
  expect(loadConfig({ CORS_ORIGINS: 'https://app.example.com, http://localhost:5173' }).corsOrigins).toEqual([
    'https://app.example.com',
    'http://localhost:5173',
  ]);
  expect(() => loadConfig({ CORS_ORIGINS: 'https://app.example.com/' })).toThrow('CORS_ORIGINS');
  expect(() => loadConfig({ CORS_ORIGINS: 'app.example.com' })).toThrow('CORS_ORIGINS');
});

test('an address may fail to authenticate 20 times a minute unless AUTH_FAILURE_LIMIT and its window say otherwise', () => {
  expect(loadConfig({})).toMatchObject({ authFailureLimit: 20, authFailureWindowSeconds: 60 });
  expect(loadConfig({ AUTH_FAILURE_LIMIT: '0', AUTH_FAILURE_WINDOW_SECONDS: '300' })).toMatchObject({
    authFailureLimit: 0,
    authFailureWindowSeconds: 300,
  });
  expect(() => loadConfig({ AUTH_FAILURE_LIMIT: 'many' })).toThrow('AUTH_FAILURE_LIMIT');
  expect(() => loadConfig({ AUTH_FAILURE_WINDOW_SECONDS: '0' })).toThrow('AUTH_FAILURE_WINDOW_SECONDS');
});

test('a shutdown waits ten seconds for requests in flight unless SHUTDOWN_TIMEOUT_MS says otherwise', () => {
  expect(loadConfig({}).shutdownTimeoutMs).toBe(10_000);
  expect(loadConfig({ SHUTDOWN_TIMEOUT_MS: '500' }).shutdownTimeoutMs).toBe(500);
});

test('attachments are kept under data/ unless STORAGE_PATH names another folder', () => {
  expect(loadConfig({}).storagePath).toBe('data/storage');
  expect(loadConfig({ STORAGE_PATH: '/var/lib/inquirly/files' }).storagePath).toBe('/var/lib/inquirly/files');
});

test('an uploaded file may have 40 MB unless MAXIMUM_FILE_UPLOAD_SIZE gives other megabytes', () => {
  expect(loadConfig({}).maxFileUploadBytes).toBe(40 * 1024 * 1024);
  expect(loadConfig({ MAXIMUM_FILE_UPLOAD_SIZE: '5' }).maxFileUploadBytes).toBe(5 * 1024 * 1024);
  expect(() => loadConfig({ MAXIMUM_FILE_UPLOAD_SIZE: '0' })).toThrow('MAXIMUM_FILE_UPLOAD_SIZE');
});

test('a link to an attachment opens it for an hour unless ATTACHMENT_URL_TTL_SECONDS says otherwise', () => {
  expect(loadConfig({}).attachmentUrlTtlSeconds).toBe(3600);
  expect(loadConfig({ ATTACHMENT_URL_TTL_SECONDS: '600' }).attachmentUrlTtlSeconds).toBe(600);
  expect(() => loadConfig({ ATTACHMENT_URL_TTL_SECONDS: '10' })).toThrow('ATTACHMENT_URL_TTL_SECONDS');
});

test('SECRET_KEY_BASE is used when set, and refused when too short to key signatures', () => {
  expect(loadConfig({}).secretKeyBase).toBeUndefined();
  expect(loadConfig({ SECRET_KEY_BASE: 'k'.repeat(64) }).secretKeyBase).toBe('k'.repeat(64));
  expect(() => loadConfig({ SECRET_KEY_BASE: 'short' })).toThrow('SECRET_KEY_BASE');
});
