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
