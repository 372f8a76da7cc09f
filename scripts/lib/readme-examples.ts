import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths';

/** The READMEs whose TypeScript examples must compile against the packed packages, as their readers will paste them. */
const readmes = ['README.md', 'packages/client/README.md', 'packages/api-types/README.md'];

/**
 * What the examples take as given rather than define: the reader's own values and functions. Declared once for all,
 * so that an example shows only what it is about.
 */
const givens = `declare const process: { env: Record<string, string | undefined> };
declare const baseUrl: string;
declare const token: string | undefined;
declare const userToken: string;
declare const accountId: number;
declare const conversationId: number;
declare const account: { id: number };
declare const session: { userToken: string; accountId: number };
declare const desk: import('@inquirly/client', { with: { 'resolution-mode': 'import' } }).InquirlyClient;
declare const params: { path: { account_id: number } };
declare function showFieldErrors(attributes: string[], message: string): void;
declare function signOut(): void;
`;

/**
 * The README examples as files of the consumer project, with a project compiling them: each fenced `ts` or `tsx`
 * block is a module of its own, except that a block without imports continues the one before it, as the prose reads
 * them.
 */
export function readmeExampleSources(): Record<string, string> {
  const sources: Record<string, string> = { 'readme-givens.d.ts': givens };
  for (const readme of readmes) {
    const text = readFileSync(path.join(repoRoot, readme), 'utf8');
    const stem = `readme-${readme.replace(/\W+/g, '-').toLowerCase()}`;
    let current: string | undefined;
    let count = 0;
    for (const [, indent = '', language, body = ''] of text.matchAll(/^( *)```(tsx?)\n([\s\S]*?)^ *```$/gm)) {
      const code = body.replace(new RegExp(`^${indent}`, 'gm'), '');
      if (current !== undefined && !/^import /m.test(code)) {
        sources[current] += `\n${code}`;
        continue;
      }
      count += 1;
      current = `${stem}-${count}.${language === 'tsx' ? 'tsx' : 'mts'}`;
      sources[current] = code;
    }
  }
  sources['tsconfig.readme.json'] = JSON.stringify(
    {
      extends: './tsconfig.json',
      compilerOptions: { noEmit: true, jsx: 'react-jsx', skipLibCheck: true },
      files: Object.keys(sources).filter((file) => /\.(mts|tsx|d\.ts)$/.test(file)),
    },
    null,
    2,
  );
  return sources;
}
