import { type AppOptions, createApp } from '../app';
import { loadConfig } from '../config/config';
import type { Container } from '../container';

/**
 * The application as `pnpm start` configures it in production, without an environment: responses not validated, the
 * limit on authentication failures on, counted in memory. `overrides` replace handlers, access rules or the document.
 */
export function productionApp(container: Container, overrides: Partial<AppOptions> = {}) {
  const defaults = loadConfig({ NODE_ENV: 'production' });
  return createApp({
    container,
    validateResponses: defaults.validateResponses,
    authFailureLimit: { limit: defaults.authFailureLimit, windowSeconds: defaults.authFailureWindowSeconds },
    ...overrides,
  });
}
