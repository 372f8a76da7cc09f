import { createTemplateDatabase, templateDatabaseVariable } from './test-database';

/** Jest global setup: migrates the template database once per run; the workers, started after it, inherit its URL. */
export default async function globalSetup(): Promise<void> {
  process.env[templateDatabaseVariable] = await createTemplateDatabase();
}
