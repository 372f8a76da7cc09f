import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generateArtifacts } from './lib/generate-artifacts';
import { renderOperationAccess, renderRegistry } from './lib/handler-files';
import { listOperations } from './lib/operations';
import { generatedDir, handlersDir, specRoot } from './lib/paths';
import { operationAccessFileOf } from './lib/scaffold-handlers';

/** `pnpm check:drift`: fails when the committed generated files differ from what spec/ and the handlers give. */
async function main(): Promise<void> {
  const artifacts = await generateArtifacts(specRoot);
  const operations = listOperations(JSON.parse(artifacts.openapiJson));
  const expected: Array<[string, string]> = [
    [path.join(generatedDir, 'openapi.json'), artifacts.openapiJson],
    [path.join(generatedDir, 'schema.d.ts'), artifacts.schemaTypes],
    [path.join(handlersDir, 'registry.ts'), renderRegistry(operations, handlersDir)],
    [operationAccessFileOf(handlersDir), renderOperationAccess(operations)],
  ];
  const stale = expected.filter(([file, content]) => readFileSyncOrEmpty(file) !== content).map(([file]) => file);
  if (stale.length > 0) {
    process.stderr.write(
      `Generated files are stale; run \`pnpm generate && pnpm scaffold\`:\n${stale.map((file) => `  ${path.relative(process.cwd(), file)}`).join('\n')}\n`,
    );
    process.exit(1);
  }
  process.stdout.write('generated files match spec/ and the handlers\n');
}

function readFileSyncOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
