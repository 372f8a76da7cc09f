// Builds the package twice from src/: ES modules into dist/esm and CommonJS into dist/cjs, each with declarations and
// source maps, and marks each folder with its module format so that Node.js and TypeScript read the files as such.
// Both are built into a folder of this process's own and then put in place of dist/, so that a build running at the
// same time (a pack during a test run, say) never leaves dist/ half written.
import { execFileSync } from 'node:child_process';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const staging = `dist.${process.pid}.part`;
try {
  for (const [project, format, type] of [
    ['tsconfig.build.json', 'esm', 'module'],
    ['tsconfig.build-cjs.json', 'cjs', 'commonjs'],
  ]) {
    execFileSync(process.execPath, [tsc, '-p', project, '--outDir', `${staging}/${format}`], { stdio: 'inherit' });
    writeFileSync(`${staging}/${format}/package.json`, `${JSON.stringify({ type }, null, 2)}\n`);
  }
  rmSync('dist', { recursive: true, force: true });
  renameSync(staging, 'dist');
} catch {
  process.exitCode = 1;
} finally {
  rmSync(staging, { recursive: true, force: true });
}
