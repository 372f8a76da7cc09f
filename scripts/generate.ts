import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateArtifacts } from './lib/generate-artifacts';
import { generatedDir, specRoot } from './lib/paths';

/** `pnpm generate`: bundles spec/ into packages/api-types/generated/ and generates its types there. */
async function main(): Promise<void> {
  const specFile = process.argv[2] ? path.resolve(process.argv[2]) : specRoot;
  const outDir = process.argv[3] ? path.resolve(process.argv[3]) : generatedDir;
  const artifacts = await generateArtifacts(specFile);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'openapi.json'), artifacts.openapiJson);
  writeFileSync(path.join(outDir, 'schema.d.ts'), artifacts.schemaTypes);
  process.stdout.write(`generated ${path.relative(process.cwd(), outDir)}/openapi.json and schema.d.ts\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
