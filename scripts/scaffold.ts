import path from 'node:path';
import { generatedDir, serverSourceDir } from './lib/paths';
import { scaffoldHandlers } from './lib/scaffold-handlers';

/** `pnpm scaffold`: a 501 stub for every operation without a handler, and a fresh handler registry. */
const documentFile = process.argv[2] ? path.resolve(process.argv[2]) : path.join(generatedDir, 'openapi.json');
const targetDir = process.argv[3] ? path.resolve(process.argv[3]) : serverSourceDir;
const stubs = scaffoldHandlers(documentFile, targetDir);
for (const file of stubs) process.stdout.write(`stub   ${path.relative(process.cwd(), file)}\n`);
process.stdout.write(`${stubs.length} stub(s) written; handler registry updated\n`);
