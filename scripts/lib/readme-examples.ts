import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths';

/** The READMEs whose TypeScript examples must compile against the packed packages, as their readers will paste them. */
const readmes = ['README.md', 'packages/client/README.md', 'packages/api-types/README.md'];

/** The client's sources, whose `@example`s editors show beside each export. */
const documentedSources = path.join(repoRoot, 'packages', 'client', 'src');

/** What an `@example` without imports of its own may use: everything the client exports. */
const exampleImports = `import {
  createInquirlyClient, eachContact, eachConversation, eachFilteredContact, eachFilteredConversation, eachMessage,
  eachSearchedContact, InquirlyApiError, tokenMiddleware, unwrap, type Schemas, type WebhookBody,
} from '@inquirly/client';
import { createInquirlyQueryHooks } from '@inquirly/client/react';
`;

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
declare const client: import('@inquirly/client', { with: { 'resolution-mode': 'import' } }).InquirlyClient;
declare const platformToken: string;
declare const inbox_id: number;
declare function showFieldErrors(attributes: string[], message: string): void;
declare function signOut(): void;
declare function highlightFields(attributes: string[]): void;
declare function invite(contact: unknown): void;
declare function archive(conversationId: number): void;
declare function escalate(conversationId: number): void;
`;

/**
 * The README examples and the client's `@example`s as files of the consumer project, with a project compiling them:
 * each fenced `ts` or `tsx` block is a module of its own, except that a README block without imports continues the one
 * before it, as the prose reads them.
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
  for (const file of readdirSync(documentedSources).filter((name) => name.endsWith('.ts'))) {
    const text = readFileSync(path.join(documentedSources, file), 'utf8');
    let count = 0;
    for (const [, language, body = ''] of text.matchAll(/^ \* ```(tsx?)\n([\s\S]*?)^ \* ```$/gm)) {
      const code = body.replace(/^ \*( |$)/gm, '');
      count += 1;
      const name = `example-${file.replace(/\.ts$/, '')}-${count}.${language === 'tsx' ? 'tsx' : 'mts'}`;
      sources[name] = /^import /m.test(code) ? code : `${exampleImports}\n${code}`;
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
