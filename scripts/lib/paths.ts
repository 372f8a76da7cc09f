import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const specRoot = path.join(repoRoot, 'spec', 'openapi.yaml');
export const generatedDir = path.join(repoRoot, 'packages', 'api-types', 'generated');
/** The server's sources: handlers live in `modules/<area>/handlers/`, the generated wiring in `http/`. */
export const serverSourceDir = path.join(repoRoot, 'apps', 'server', 'src');
