import { buildReferencePage, referencePageFile } from './modules/system/reference-page';

/** Part of `pnpm build`: renders the API reference page that `GET /docs` serves. */
buildReferencePage();
process.stdout.write(`built ${referencePageFile}\n`);
