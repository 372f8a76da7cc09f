import { ensureReferencePage } from '../modules/system/reference-page';
import { createTemplateDatabase, templateDatabaseVariable } from './test-database';

/**
 * Jest global setup: migrates the template database once per run, and builds the API reference page when the spec
 * changed since it was built; the workers, started after it, inherit the database's URL.
 */
export default async function globalSetup(): Promise<void> {
  ensureReferencePage();
  process.env[templateDatabaseVariable] = await createTemplateDatabase();
}
