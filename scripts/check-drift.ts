import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { generateArtifacts } from './lib/generate-artifacts';
import { renderOperationAccess, renderRegistry } from './lib/handler-files';
import { listOperations } from './lib/operations';
import { generatedDir, serverSourceDir, specRoot } from './lib/paths';
import { handlerRegistryFileOf, operationAccessFileOf } from './lib/scaffold-handlers';

interface GeneratedFile {
  file: string;
  expected: string;
  regeneratedBy: string;
}

/**
 * `pnpm check:drift`: regenerates, in memory and exactly as `pnpm generate` and `pnpm scaffold` do, the bundled
 * openapi.json and schema.d.ts from spec/, the handler registry and the operations' access rules from them and the
 * handler files, and fails when a
 * file on disk differs from its regenerated content (a stale or hand-edited file) or when generated/ holds a file
 * that generation does not write.
 */
async function main(): Promise<void> {
  const artifacts = await generateArtifacts(specRoot);
  const operations = listOperations(JSON.parse(artifacts.openapiJson));
  const regeneratedBy = 'pnpm scaffold';
  const generated: GeneratedFile[] = [
    { file: path.join(generatedDir, 'openapi.json'), expected: artifacts.openapiJson, regeneratedBy: 'pnpm generate' },
    { file: path.join(generatedDir, 'schema.d.ts'), expected: artifacts.schemaTypes, regeneratedBy: 'pnpm generate' },
    {
      file: handlerRegistryFileOf(serverSourceDir),
      expected: renderRegistry(operations, serverSourceDir),
      regeneratedBy,
    },
    { file: operationAccessFileOf(serverSourceDir), expected: renderOperationAccess(operations), regeneratedBy },
  ];
  const problems = generated
    .filter(({ file, expected }) => readFileOrEmpty(file) !== expected)
    .map(({ file, regeneratedBy }) => `  ${relative(file)} differs from what \`${regeneratedBy}\` writes`);
  const written = new Set(generated.map(({ file }) => file));
  for (const name of readdirSync(generatedDir)) {
    const file = path.join(generatedDir, name);
    if (!written.has(file)) problems.push(`  ${relative(file)} is not written by \`pnpm generate\`; remove it`);
  }
  if (problems.length > 0) {
    process.stderr.write(`Generated files are stale or edited by hand:\n${problems.join('\n')}\n`);
    process.exit(1);
  }
  process.stdout.write(
    `${generated.map(({ file }) => relative(file)).join(', ')} match what spec/ and the handler files give\n`,
  );
}

const relative = (file: string) => path.relative(process.cwd(), file);

function readFileOrEmpty(file: string): string {
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
