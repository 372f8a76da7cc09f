import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generatedDir, repoRoot } from './lib/paths';

// Redocly's bundler is an ES module, which jest's CommonJS runtime cannot load: the bundling runs through
// `pnpm generate`'s script, as it does for everyone.
let folder: string;
let bundled: { components: { schemas: Record<string, any> } };
beforeAll(() => {
  folder = mkdtempSync(path.join(os.tmpdir(), 'inquirly-bundle-'));
  cpSync(path.join(repoRoot, 'spec'), path.join(folder, 'spec'), { recursive: true });
  writeFileSync(path.join(folder, 'spec/components/fragments.yaml'), 'TeamName:\n  type: string\n  maxLength: 40\n');
  const teamFile = path.join(folder, 'spec/components/schemas/team.yaml');
  const team = readFileSync(teamFile, 'utf8');
  writeFileSync(
    teamFile,
    team.replace('  name:\n    type: string\n', '  name:\n    $ref: ../fragments.yaml#/TeamName\n'),
  );
  execFileSync(
    process.execPath,
    [require.resolve('tsx/cli'), path.join(repoRoot, 'scripts/generate.ts'), 'spec/openapi.yaml', 'out'],
    { cwd: folder, stdio: 'pipe' },
  );
  bundled = JSON.parse(readFileSync(path.join(folder, 'out/openapi.json'), 'utf8'));
}, 60_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

test('a reference to a fragment of a file is inlined where it is used', () => {
  expect(bundled.components.schemas.Team.properties.name).toEqual({ type: 'string', maxLength: 40 });
});

test('the components keep the names the root gives them, and no other', () => {
  const committed = JSON.parse(readFileSync(path.join(generatedDir, 'openapi.json'), 'utf8'));
  expect(Object.keys(bundled.components.schemas)).toEqual(Object.keys(committed.components.schemas));
});
