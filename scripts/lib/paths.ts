import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const specRoot = path.join(repoRoot, 'spec', 'openapi.yaml');
export const generatedDir = path.join(repoRoot, 'packages', 'api-types', 'generated');
export const handlersDir = path.join(repoRoot, 'apps', 'server', 'src', 'handlers');
