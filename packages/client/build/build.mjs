// Builds the package twice from src/: ES modules into dist/esm and CommonJS into dist/cjs, each with declarations and
// source maps, and marks each folder with its module format so that Node.js and TypeScript read the files as such.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
rmSync('dist', { recursive: true, force: true });
for (const [project, folder, type] of [
  ['tsconfig.build.json', 'dist/esm', 'module'],
  ['tsconfig.build-cjs.json', 'dist/cjs', 'commonjs'],
]) {
  try {
    execFileSync(process.execPath, [tsc, '-p', project], { stdio: 'inherit' });
  } catch {
    process.exit(1);
  }
  writeFileSync(`${folder}/package.json`, `${JSON.stringify({ type }, null, 2)}\n`);
}
