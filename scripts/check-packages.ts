import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { consumerSources, reactConsumerSources } from './lib/consumer-sources';
import {
  compileConsumer,
  createConsumerProject,
  type PublishedPackage,
  packPublishedPackages,
  runCompiledConsumer,
  type Tarballs,
} from './lib/packed-consumer';
import { repoRoot } from './lib/paths';
import { readmeExampleSources } from './lib/readme-examples';

/** Gzipped bytes the client may weigh in a browser bundle, openapi-fetch included: 5 kB. */
const clientSizeBudget = 5000;

/** The files each tarball must hold, besides `package.json`, `README.md` and `LICENSE`. */
const requiredFiles: Record<PublishedPackage, string[]> = {
  '@inquirly/api-types': ['index.d.mts', 'generated/schema.d.ts', 'generated/openapi.json'],
  '@inquirly/client': [
    'CHANGELOG.md',
    ...['esm', 'cjs'].flatMap((format) =>
      ['index', 'react'].flatMap((entry) => [
        `dist/${format}/${entry}.js`,
        `dist/${format}/${entry}.js.map`,
        `dist/${format}/${entry}.d.ts`,
        `dist/${format}/${entry}.d.ts.map`,
      ]),
    ),
    'dist/esm/package.json',
    'dist/cjs/package.json',
  ],
};

const failures: string[] = [];
const step = (title: string) => process.stdout.write(`== ${title}\n`);
const fail = (problem: string) => {
  failures.push(problem);
  process.stdout.write(`   FAIL ${problem}\n`);
};

/** A tarball's files, without the `package/` folder they are packed under. */
function filesOf(tarball: string): Map<string, string> {
  const folder = mkdtempSync(path.join(tmpdir(), 'inquirly-unpacked-'));
  try {
    execFileSync('tar', ['-xzf', tarball, '-C', folder]);
    const names = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
      .split('\n')
      .filter((name) => name.startsWith('package/') && !name.endsWith('/'))
      .map((name) => name.slice('package/'.length));
    return new Map(names.map((name) => [name, readFileSync(path.join(folder, 'package', name), 'utf8')]));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The packages are released together: one version for both, which the client depends on exactly. */
function checkVersions(tarballs: Tarballs): void {
  const manifests = Object.fromEntries(
    Object.entries(tarballs).map(([name, tarball]) => [name, JSON.parse(filesOf(tarball).get('package.json') ?? '{}')]),
  ) as Record<PublishedPackage, { version: string; dependencies?: Record<string, string> }>;
  const { version } = manifests['@inquirly/api-types'];
  if (manifests['@inquirly/client'].version !== version) {
    fail(`@inquirly/client is ${manifests['@inquirly/client'].version}, @inquirly/api-types ${version}`);
  }
  const dependency = manifests['@inquirly/client'].dependencies?.['@inquirly/api-types'];
  if (dependency !== version) fail(`@inquirly/client depends on @inquirly/api-types ${dependency}, not ${version}`);
}

function checkContents(name: PublishedPackage, tarball: string): void {
  const files = filesOf(tarball);
  for (const file of ['package.json', 'README.md', 'LICENSE', ...requiredFiles[name]]) {
    if (!files.has(file)) fail(`${name}: the tarball has no ${file}`);
  }
  const manifest = JSON.parse(files.get('package.json') ?? '{}') as Record<string, Record<string, string> | undefined>;
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [dependency, range] of Object.entries(manifest[field] ?? {})) {
      if (range.startsWith('workspace:')) fail(`${name}: ${field}.${dependency} is still ${range}`);
    }
  }
  // A source map resolves when every source it names is in the tarball too.
  for (const [file, text] of files) {
    if (!file.endsWith('.map')) continue;
    for (const source of (JSON.parse(text) as { sources: string[] }).sources) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), source));
      if (!files.has(target)) fail(`${name}: ${file} names ${source}, which the tarball lacks`);
    }
  }
  if (name === '@inquirly/client') {
    for (const file of files.keys()) {
      if (file.startsWith('dist/') && file.endsWith('.js') && !files.has(`${file}.map`))
        fail(`${name}: ${file} has no map`);
    }
  }
  process.stdout.write(`   ${files.size} files\n`);
}

async function lintPackage(name: PublishedPackage, tarball: string): Promise<void> {
  const bytes = readFileSync(tarball);
  const tarballBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const { messages, pkg } = await publint({ pack: { tarball: tarballBuffer }, level: 'suggestion', strict: true });
  for (const message of messages) fail(`${name}: publint ${message.type}: ${formatMessage(message, pkg)}`);
  const attw = path.join(repoRoot, 'node_modules', '.bin', 'attw');
  // The document is JSON for tools to read: only resolvers that know `exports` find it, and TypeScript's node10 need not.
  const entrypoints = name === '@inquirly/api-types' ? ['--exclude-entrypoints', './openapi.json'] : [];
  try {
    execFileSync(attw, [tarball, ...entrypoints, '--format', 'table-flipped', '--no-emoji', '--no-color'], {
      encoding: 'utf8',
      stdio: 'pipe',
    });
  } catch (error) {
    fail(`${name}: attw found problems:\n${(error as { stdout?: string }).stdout ?? String(error)}`);
  }
}

async function bundledSize(consumer: string): Promise<number> {
  const result = await build({
    stdin: { contents: "export * from '@inquirly/client';", resolveDir: consumer, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild wrote no bundle');
  return gzipSync(output.contents, { level: 9 }).byteLength;
}

function runConsumer(consumer: string): void {
  compileConsumer(consumer, 'tsconfig.json');
  const printed = runCompiledConsumer(consumer);
  if (printed.esm !== 'esm function 404') fail(`the consumer's ES module printed ${JSON.stringify(printed.esm)}`);
  if (printed.cjs !== 'cjs function name')
    fail(`the consumer's CommonJS module printed ${JSON.stringify(printed.cjs)}`);
  compileConsumer(consumer, 'tsconfig.react.json');
  compileConsumer(consumer, 'tsconfig.readme.json');
  const react = execFileSync(process.execPath, ['out/react.mjs'], { cwd: consumer, encoding: 'utf8' }).trim();
  if (react !== 'function function') fail(`the consumer's React module printed ${JSON.stringify(react)}`);
}

async function main(): Promise<void> {
  const workFolder = mkdtempSync(path.join(tmpdir(), 'inquirly-packages-'));
  try {
    step('pack');
    const tarballs: Tarballs = packPublishedPackages(path.join(workFolder, 'tarballs'));
    step('versions');
    checkVersions(tarballs);
    for (const [name, tarball] of Object.entries(tarballs) as [PublishedPackage, string][]) {
      step(`${name}: contents of ${path.basename(tarball)}`);
      checkContents(name, tarball);
      step(`${name}: publint and attw`);
      await lintPackage(name, tarball);
    }

    step(
      "install the tarballs outside the workspace; typecheck and run ESM and CommonJS; compile the READMEs' examples",
    );
    const consumer = path.join(workFolder, 'consumer');
    createConsumerProject(consumer, tarballs, { withReact: true });
    for (const [file, text] of Object.entries({
      ...consumerSources,
      ...reactConsumerSources,
      ...readmeExampleSources(),
    })) {
      writeFileSync(path.join(consumer, file), text);
    }
    runConsumer(consumer);

    step('size');
    const size = await bundledSize(consumer);
    process.stdout.write(
      `   @inquirly/client with openapi-fetch: ${size} bytes gzipped (budget ${clientSizeBudget})\n`,
    );
    if (size > clientSizeBudget) fail(`@inquirly/client weighs ${size} bytes gzipped, over its ${clientSizeBudget}`);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  } finally {
    rmSync(workFolder, { recursive: true, force: true });
  }
  if (failures.length > 0) {
    process.stderr.write(`check:packages: ${failures.length} problem(s)\n`);
    process.exit(1);
  }
  process.stdout.write(
    'check:packages: the packages are complete, lint clean, typed for ESM and CommonJS, in budget\n',
  );
}

void main();
