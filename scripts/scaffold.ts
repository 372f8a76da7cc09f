import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderRegistry, renderStub } from './lib/handler-files';
import { handlerModuleOf, listOperations } from './lib/operations';
import { generatedDir, handlersDir } from './lib/paths';

/**
 * `pnpm scaffold`: writes a 501 stub for each operation of the generated document that has no handler file (never
 * overwriting one), then rewrites the handler registry.
 */
function main(): void {
  const documentFile = process.argv[2] ? path.resolve(process.argv[2]) : path.join(generatedDir, 'openapi.json');
  const targetDir = process.argv[3] ? path.resolve(process.argv[3]) : handlersDir;
  const operations = listOperations(JSON.parse(readFileSync(documentFile, 'utf8')));

  for (const operation of operations) {
    const file = path.join(targetDir, `${handlerModuleOf(operation)}.ts`);
    if (existsSync(file)) continue;
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, renderStub(operation), { flag: 'wx' });
    process.stdout.write(`stub   ${path.relative(process.cwd(), file)}\n`);
  }
  writeFileSync(path.join(targetDir, 'registry.ts'), renderRegistry(operations, targetDir));
  process.stdout.write(`wrote  ${path.relative(process.cwd(), path.join(targetDir, 'registry.ts'))}\n`);
}

main();
