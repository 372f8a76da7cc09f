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
