import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import {
  type ApiDocument,
  describeBreak,
  findBreakingChanges,
  readAcknowledgements,
  sortOutAcknowledged,
} from './lib/breaking-changes';
import { bundleSpec } from './lib/bundle-spec';
import { repoRoot, specRoot } from './lib/paths';

/**
 * `pnpm check:breaking [REF]`: bundles the spec as committed at REF (HEAD by default) and the spec of the working
 * tree with the same bundler, and fails on each change that can break a client of REF's API, unless
 * spec/breaking-changes.yaml acknowledges it.
 */
const acknowledgementsFile = path.join(repoRoot, 'spec', 'breaking-changes.yaml');

const git = (...args: string[]) => spawnSync('git', args, { cwd: repoRoot, encoding: 'utf8' });

async function main(): Promise<void> {
  const ref = process.argv[2] ?? 'HEAD';
  if (git('rev-parse', '--verify', '--quiet', `${ref}^{commit}`).status !== 0) {
    throw new Error(`${ref} is not a commit of this repository`);
  }
  if (git('cat-file', '-e', `${ref}:spec/openapi.yaml`).status !== 0) {
    process.stdout.write(`${ref} has no spec/openapi.yaml: nothing to compare with\n`);
    return;
  }

  const before = await bundleCommittedSpec(ref);
  const after = (await bundleSpec(specRoot)) as ApiDocument;
  const acknowledgements = existsSync(acknowledgementsFile)
    ? readAcknowledgements(parse(readFileSync(acknowledgementsFile, 'utf8')))
    : [];
  const { acknowledged, unacknowledged } = sortOutAcknowledged(findBreakingChanges(before, after), acknowledgements);

  for (const change of acknowledged) process.stdout.write(`acknowledged: ${describeBreak(change)}\n`);
  if (unacknowledged.length > 0) {
    process.stderr.write(
      [
        `${unacknowledged.length} change(s) since ${ref} can break clients:`,
        ...unacknowledged.map((change) => `  ${describeBreak(change)}`),
        '',
        'Keep the API compatible, or, when the break is intended, acknowledge each line in spec/breaking-changes.yaml:',
        'acknowledged:',
        ...unacknowledged.flatMap((change) => [
          `  - break: ${JSON.stringify(describeBreak(change))}`,
          '    reason: <why clients can bear it>',
        ]),
        '',
      ].join('\n'),
    );
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`no unacknowledged breaking change in spec/ since ${ref}\n`);
}

/** The spec/ tree of `ref`, written to a temporary folder and bundled there. */
async function bundleCommittedSpec(ref: string): Promise<ApiDocument> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'inquirly-spec-'));
  try {
    const archive = path.join(folder, 'spec.tar');
    execFileSync('git', ['archive', '--format=tar', `--output=${archive}`, ref, 'spec'], { cwd: repoRoot });
    execFileSync('tar', ['-xf', archive, '-C', folder]);
    return (await bundleSpec(path.join(folder, 'spec', 'openapi.yaml'))) as ApiDocument;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`check:breaking: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
