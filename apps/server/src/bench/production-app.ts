import { type AppOptions, createApp } from '../app';
import { loadConfig } from '../config/config';
import type { Container } from '../container';
import { appOptionsFrom } from '../server';

/**
 * The application as `pnpm start` configures it in production, without an environment: responses not validated, the
 * limit on authentication failures on, counted in memory. `overrides` replace handlers, access rules or the document.
 */
export function productionApp(container: Container, overrides: Partial<AppOptions> = {}) {
  return createApp({ ...appOptionsFrom(container, loadConfig({ NODE_ENV: 'production' })), ...overrides });
}
