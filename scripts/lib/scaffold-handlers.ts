import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderOperationAccess, renderRegistry, renderStub } from './handler-files';
import { handlerModuleOf, listOperations } from './operations';

/** The generated map of operationId → handler, in the server's src folder. */
export const handlerRegistryFileOf = (sourceDir: string) => path.join(sourceDir, 'http', 'handler-registry.ts');

/** The generated access rule of every operation, in the server's src folder. */
export const operationAccessFileOf = (sourceDir: string) => path.join(sourceDir, 'http', 'operation-access.ts');

/**
 * Writes a 501 stub for each operation of the bundled document that has no handler file, never overwriting one,
 * then rewrites the handler registry and the operations' access rules beside it. Returns the stub files written.
 */
export function scaffoldHandlers(documentFile: string, sourceDir: string): string[] {
  const operations = listOperations(JSON.parse(readFileSync(documentFile, 'utf8')));
  const written: string[] = [];
  for (const operation of operations) {
    const file = path.join(sourceDir, `${handlerModuleOf(operation)}.ts`);
    if (existsSync(file)) continue;
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, renderStub(operation), { flag: 'wx' });
    written.push(file);
  }
  writeFileSync(handlerRegistryFileOf(sourceDir), renderRegistry(operations, sourceDir));
  writeFileSync(operationAccessFileOf(sourceDir), renderOperationAccess(operations));
  return written;
}
