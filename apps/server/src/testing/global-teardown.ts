import { dropTemplateDatabase, templateDatabaseVariable } from './test-database';

/** Jest global teardown: drops the template database of the run. */
export default async function globalTeardown(): Promise<void> {
  const template = process.env[templateDatabaseVariable];
  if (template) await dropTemplateDatabase(template);
  delete process.env[templateDatabaseVariable];
}
