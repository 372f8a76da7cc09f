import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderOperationAccess, renderRegistry, renderStub } from './handler-files';
import { handlerModuleOf, listOperations } from './operations';

/** Where the access rules live for a handlers folder: `src/http/operation-access.ts` beside `src/handlers/`. */
export const operationAccessFileOf = (handlersDir: string) =>
  path.join(handlersDir, '..', 'http', 'operation-access.ts');

/**
 * Writes a 501 stub for each operation of the bundled document that has no handler file, never overwriting one,
 * then rewrites the handler registry and the operations' access rules beside it. Returns the stub files written.
 */
export function scaffoldHandlers(documentFile: string, handlersDir: string): string[] {
  const operations = listOperations(JSON.parse(readFileSync(documentFile, 'utf8')));
  const written: string[] = [];
  for (const operation of operations) {
    const file = path.join(handlersDir, `${handlerModuleOf(operation)}.ts`);
    if (existsSync(file)) continue;
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, renderStub(operation), { flag: 'wx' });
    written.push(file);
  }
  writeFileSync(path.join(handlersDir, 'registry.ts'), renderRegistry(operations, handlersDir));
  writeFileSync(operationAccessFileOf(handlersDir), renderOperationAccess(operations));
  return written;
}
