import { buildReferencePage, referencePageFile } from './modules/system/reference-page';

/** The last step of the server's build: renders the API reference page that `GET /docs` serves. */
buildReferencePage();
process.stdout.write(`built ${referencePageFile}\n`);
