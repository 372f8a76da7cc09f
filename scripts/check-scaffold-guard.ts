import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { generateArtifacts } from './lib/generate-artifacts';
import { repoRoot } from './lib/paths';
import { scaffoldHandlers } from './lib/scaffold-handlers';

/**
 * `pnpm check:scaffold-guard`: proves, on a copy of the repo, that an operation added to the spec fails the server's
 * typecheck until `pnpm scaffold` writes its stub, and that scaffolding never overwrites a handler.
 */
const workspace = mkdtempSync(path.join(os.tmpdir(), 'inquirly-scaffold-guard-'));
const copy = (relative: string) =>
  cpSync(path.join(repoRoot, relative), path.join(workspace, relative), { recursive: true });

function fail(message: string): never {
  process.stderr.write(`scaffold guard: ${message}\n`);
  process.exit(1);
}

/** Runs the server's typecheck on the copy; returns its output when it fails, undefined when it passes. */
function typecheck(): string | undefined {
  try {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.guard.json'], {
      cwd: path.join(workspace, 'apps/server'),
      stdio: 'pipe',
    });
    return undefined;
  } catch (error) {
    return String((error as { stdout?: Buffer }).stdout ?? error);
  }
}

async function main(): Promise<void> {
  for (const relative of ['spec', 'tsconfig.base.json', 'apps/server/src', 'apps/server/tsconfig.json']) copy(relative);
  symlinkSync(path.join(repoRoot, 'apps/server/node_modules'), path.join(workspace, 'apps/server/node_modules'));
  const generated = path.join(workspace, 'packages/api-types/generated');
  mkdirSync(generated, { recursive: true });
  // The copy's server must read the copy's generated types, not the workspace package the symlink leads to.
  writeFileSync(
    path.join(workspace, 'apps/server/tsconfig.guard.json'),
    JSON.stringify({
      extends: './tsconfig.json',
      compilerOptions: { paths: { '@inquirly/api-types': ['../../packages/api-types/generated/schema.d.ts'] } },
      include: ['src/**/*.ts'],
    }),
  );

  const specFile = path.join(workspace, 'spec/openapi.yaml');
  const root = parse(readFileSync(specFile, 'utf8'));
  root.paths['/api/v1/guard_widgets'] = {
    get: {
      operationId: 'listGuardWidgets',
      tags: ['Profile'],
      summary: 'An operation the copy adds',
      security: [{ userApiKey: [] }],
      responses: { '200': { description: 'ok' }, '401': { $ref: './components/responses/unauthorized.yaml' } },
    },
  };
  writeFileSync(specFile, stringify(root));
  const artifacts = await generateArtifacts(specFile);
  writeFileSync(path.join(generated, 'openapi.json'), artifacts.openapiJson);
  writeFileSync(path.join(generated, 'schema.d.ts'), artifacts.schemaTypes);

  const before = typecheck();
  if (!before?.includes("'listGuardWidgets'")) fail(`a new operation did not fail the typecheck:\n${before ?? ''}`);
  process.stdout.write('ok: the new operation fails the typecheck before scaffolding\n');

  const handlersDir = path.join(workspace, 'apps/server/src/handlers');
  const existing = path.join(handlersDir, 'application/profile/get-profile.ts');
  const existingContent = readFileSync(existing, 'utf8');
  const stubs = scaffoldHandlers(path.join(generated, 'openapi.json'), handlersDir);
  if (stubs.length !== 1 || !stubs[0]?.endsWith('application/profile/list-guard-widgets.ts')) {
    fail(`expected one stub for listGuardWidgets, got ${JSON.stringify(stubs)}`);
  }
  if (readFileSync(existing, 'utf8') !== existingContent) fail('scaffolding changed an existing handler');
  if (scaffoldHandlers(path.join(generated, 'openapi.json'), handlersDir).length !== 0) {
    fail('a second scaffold wrote stubs again');
  }

  const after = typecheck();
  if (after !== undefined) fail(`the typecheck still fails after scaffolding:\n${after}`);
  process.stdout.write('ok: after `pnpm scaffold` the typecheck passes, and no handler was overwritten\n');
}

main()
  .catch((error: unknown) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)))
  .finally(() => rmSync(workspace, { recursive: true, force: true }));
