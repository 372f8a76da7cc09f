import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

type Node = unknown;
type ComponentIndex = Map<string, string>;

const readYaml = (file: string): Node => parse(readFileSync(file, 'utf8'));

/**
 * Bundles the split spec into one document. Every file the root lists under `components` becomes a named component
 * and each reference to that file, wherever it is, becomes a local `#/components/...` reference; any other file
 * (path items) is inlined.
 */
export function bundleSpec(rootFile: string): Record<string, unknown> {
  const rootDir = path.dirname(path.resolve(rootFile));
  const root = readYaml(rootFile) as Record<string, unknown>;
  const components = (root.components ?? {}) as Record<string, Record<string, Node>>;

  const index: ComponentIndex = new Map();
  for (const [section, entries] of Object.entries(components)) {
    for (const [name, entry] of Object.entries(entries)) {
      const ref = fileRef(entry);
      if (ref) index.set(path.resolve(rootDir, ref), `#/components/${section}/${name}`);
    }
  }

  const bundledComponents: Record<string, Record<string, Node>> = {};
  for (const [section, entries] of Object.entries(components)) {
    bundledComponents[section] = {};
    for (const [name, entry] of Object.entries(entries)) {
      const ref = fileRef(entry);
      bundledComponents[section][name] = ref
        ? resolveNode(readYaml(path.resolve(rootDir, ref)), path.dirname(path.resolve(rootDir, ref)), index)
        : resolveNode(entry, rootDir, index);
    }
  }

  return {
    ...root,
    paths: resolveNode(root.paths, rootDir, index),
    components: bundledComponents,
  };
}

function fileRef(node: Node): string | undefined {
  if (node && typeof node === 'object' && !Array.isArray(node)) {
    const ref = (node as Record<string, unknown>).$ref;
    if (typeof ref === 'string' && !ref.startsWith('#')) return ref;
  }
  return undefined;
}

function resolveNode(node: Node, dir: string, index: ComponentIndex): Node {
  if (Array.isArray(node)) return node.map((item) => resolveNode(item, dir, index));
  if (!node || typeof node !== 'object') return node;

  const ref = fileRef(node);
  if (ref) {
    const target = path.resolve(dir, ref);
    const local = index.get(target);
    if (local) return { $ref: local };
    return resolveNode(readYaml(target), path.dirname(target), index);
  }
  return Object.fromEntries(
    Object.entries(node as Record<string, Node>).map(([key, value]) => [key, resolveNode(value, dir, index)]),
  );
}
