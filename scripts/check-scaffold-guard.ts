import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { repoRoot } from './lib/paths';

/**
 * `pnpm check:scaffold-guard`: proves the contract loop on a copy of the repo, through the repo's own scripts and
 * turbo's cache: with the cache warm from a passing typecheck, an operation added to the spec and generated fails the
 * typecheck, naming the operation, until `pnpm scaffold` writes its stub; scaffolding never overwrites a handler and
 * writes nothing the second time.
 */
const newOperationId = 'listGuardWidgets';
const workspace = mkdtempSync(path.join(os.tmpdir(), 'inquirly-scaffold-guard-'));
const modulesDir = path.join(workspace, 'apps/server/src/modules');

function fail(message: string): never {
  throw new Error(message);
}

/** Runs a root script of the copy; returns whether it passed and everything it printed. */
function runScript(script: string): { passed: boolean; output: string } {
  const result = spawnSync('pnpm', ['run', script], {
    cwd: workspace,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  if (result.error) throw result.error;
  return { passed: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

/**
 * Copies the files git sees in the repo, committed or not, and links each package to the repo's installed
 * dependencies, so that the copy's packages resolve one another inside the copy.
 */
function copyRepo(): void {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: repoRoot,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((file) => file !== '' && existsSync(path.join(repoRoot, file)));
  for (const file of files) {
    const source = path.join(repoRoot, file);
    const target = path.join(workspace, file);
    mkdirSync(path.dirname(target), { recursive: true });
    if (lstatSync(source).isSymbolicLink()) symlinkSync(readlinkSync(source), target);
    else copyFileSync(source, target);
  }
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(workspace, 'node_modules'));
  for (const file of files.filter((file) => path.basename(file) === 'package.json' && file !== 'package.json')) {
    const modules = path.join(path.dirname(file), 'node_modules');
    if (existsSync(path.join(repoRoot, modules))) {
      cpSync(path.join(repoRoot, modules), path.join(workspace, modules), { recursive: true, verbatimSymlinks: true });
    }
  }
}

function addOperationToSpec(): void {
  const specFile = path.join(workspace, 'spec/openapi.yaml');
  const root = parse(readFileSync(specFile, 'utf8'));
  root.paths['/api/v1/guard_widgets'] = {
    get: {
      operationId: newOperationId,
      tags: ['Profile'],
      summary: 'An operation the copy adds',
      security: [{ userApiKey: [] }],
      responses: { '200': { description: 'ok' }, '401': { $ref: './components/responses/unauthorized.yaml' } },
    },
  };
  writeFileSync(specFile, stringify(root));
}

/** Every handler file of the copy (each area's `handlers/` folder) with its content. */
function readHandlers(): Map<string, string> {
  const files = new Map<string, string>();
  for (const area of readdirSync(modulesDir)) {
    const handlersDir = path.join(modulesDir, area, 'handlers');
    if (!existsSync(handlersDir)) continue;
    for (const name of readdirSync(handlersDir)) {
      files.set(path.join(handlersDir, name), readFileSync(path.join(handlersDir, name), 'utf8'));
    }
  }
  return files;
}

function step(script: string, failure: string): string {
  const { passed, output } = runScript(script);
  if (!passed) fail(`${failure}:\n${output}`);
  return output;
}

async function main(): Promise<void> {
  copyRepo();
  step('typecheck', 'the typecheck fails on an unchanged copy of the repo');
  process.stdout.write("ok: the repo's typecheck passes through turbo, and its cache is warm\n");

  addOperationToSpec();
  step('generate', 'generating from the changed spec failed');
  const before = runScript('typecheck');
  if (before.passed || !before.output.includes(`'${newOperationId}'`)) {
    fail(`with a warm cache, a new operation did not fail the typecheck naming '${newOperationId}':\n${before.output}`);
  }
  process.stdout.write(`ok: after \`pnpm generate\`, the typecheck fails naming '${newOperationId}'\n`);

  const handlersBefore = readHandlers();
  step('scaffold', 'scaffolding failed');
  const handlersAfter = readHandlers();
  const stubs = [...handlersAfter.keys()].filter((file) => !handlersBefore.has(file));
  const stubFile = path.join(modulesDir, 'users/handlers/list-guard-widgets.ts');
  if (stubs.length !== 1 || stubs[0] !== stubFile) {
    fail(`expected one stub, ${path.relative(workspace, stubFile)}, got ${JSON.stringify(stubs)}`);
  }
  const overwritten = [...handlersBefore].filter(([file, content]) => handlersAfter.get(file) !== content);
  if (overwritten.length > 0) fail(`scaffolding changed handlers: ${overwritten.map(([file]) => file).join(', ')}`);
  step('scaffold', 'scaffolding a second time failed');
  const handlersAgain = readHandlers();
  if (handlersAgain.size !== handlersAfter.size || [...handlersAfter].some(([f, c]) => handlersAgain.get(f) !== c)) {
    fail('a second scaffold wrote handler files again');
  }

  step('typecheck', 'the typecheck still fails after scaffolding');
  process.stdout.write(
    'ok: after `pnpm scaffold` the typecheck passes, no handler was overwritten, and a second scaffold wrote nothing\n',
  );
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`scaffold guard: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => rmSync(workspace, { recursive: true, force: true }));
