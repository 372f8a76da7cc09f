import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths';

/** The published packages, by name, with their folders in the workspace. */
const publishedPackages = {
  '@inquirly/api-types': path.join(repoRoot, 'packages', 'api-types'),
  '@inquirly/client': path.join(repoRoot, 'packages', 'client'),
} as const;

export type PublishedPackage = keyof typeof publishedPackages;

/** A packed package: the `.tgz` a registry would receive. */
export type Tarballs = Record<PublishedPackage, string>;

/**
 * Packs every published package into `destination` as `pnpm pack` does before publishing: the client's `prepack`
 * builds it first, and `workspace:` versions become the versions they point at.
 */
export function packPublishedPackages(destination: string): Tarballs {
  mkdirSync(destination, { recursive: true });
  const packed = Object.entries(publishedPackages).map(([name, folder]) => {
    const output = execFileSync('pnpm', ['pack', '--pack-destination', destination], {
      cwd: folder,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const tarball = output
      .trim()
      .split('\n')
      .map((line) => line.trim())
      .findLast((line) => line.endsWith('.tgz'));
    if (!tarball) throw new Error(`pnpm pack of ${name} named no tarball:\n${output}`);
    return [name, path.resolve(destination, tarball)] as const;
  });
  return Object.fromEntries(packed) as Tarballs;
}

/**
 * What the consumer project installs besides the tarballs when asked for: the peers of `@inquirly/client/react`, at
 * the versions the workspace tests with, so that a release of theirs cannot change the check's outcome unnoticed.
 */
function reactPeers(): string[] {
  const clientFolder = publishedPackages['@inquirly/client'];
  return ['@tanstack/react-query', 'openapi-react-query', 'react', '@types/react'].map((name) => {
    const manifest = require.resolve(`${name}/package.json`, { paths: [clientFolder] });
    return `${name}@${(JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version}`;
  });
}

/**
 * An application outside the workspace that installs the packed packages from their tarballs with npm, as a team
 * installing them from a registry would; their own dependencies come from the registry.
 */
export function createConsumerProject(folder: string, tarballs: Tarballs, { withReact }: { withReact: boolean }): void {
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    path.join(folder, 'package.json'),
    `${JSON.stringify({ name: 'inquirly-consumer', version: '1.0.0', private: true }, null, 2)}\n`,
  );
  execFileSync(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...Object.values(tarballs),
      ...(withReact ? reactPeers() : []),
    ],
    // A registry that cannot be reached makes npm retry for minutes; a bounded wait fails with the reason instead.
    { cwd: folder, stdio: ['ignore', 'inherit', 'inherit'], timeout: 240_000 },
  );
}

/** The workspace's TypeScript compiler, run on a project of the consumer; throws with the compiler's report. */
export function compileConsumer(folder: string, project: string): void {
  const tsc = require.resolve('typescript/bin/tsc', { paths: [repoRoot] });
  try {
    execFileSync(process.execPath, [tsc, '-p', path.join(folder, project)], { encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`tsc -p ${project} failed in ${folder}:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

/**
 * Runs the consumer's compiled ES module and CommonJS module (see `consumerSources`) with Node.js; answers what each
 * printed, which proves the package loads through `import` and through `require`.
 */
export function runCompiledConsumer(folder: string): { esm: string; cjs: string } {
  const run = (file: string) => execFileSync(process.execPath, [file], { cwd: folder, encoding: 'utf8' }).trim();
  return { esm: run('out/esm.mjs'), cjs: run('out/cjs.cjs') };
}
