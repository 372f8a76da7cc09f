import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bundle, createConfig } from '@redocly/openapi-core';
import { parse } from 'yaml';

type Json = unknown;
type ComponentSections = Record<string, Record<string, Json>>;

/**
 * Bundles the split spec into one document with Redocly's bundler. The names the root gives under `components` are
 * the public names (the generated types are called by them): Redocly names a component after its file, so each
 * file-named component a root name points to takes that root name, and any other file or fragment a reference
 * reaches is inlined where it is used, as every file the root does not name has always been.
 */
export async function bundleSpec(rootFile: string): Promise<Record<string, unknown>> {
  const absoluteRoot = path.resolve(rootFile);
  const config = await createConfig({});
  const result = await bundle({ ref: absoluteRoot, config });
  const errors = result.problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) {
    const lines = errors.map((problem) => {
      const where = problem.location[0];
      return `  ${problem.message}${where ? ` (${path.relative(process.cwd(), where.source.absoluteRef)}${where.pointer})` : ''}`;
    });
    throw new Error(`the spec does not bundle:\n${lines.join('\n')}`);
  }

  const document = result.bundle.parsed as Record<string, Json> & { components?: ComponentSections };
  const rootComponents = (parse(readFileSync(absoluteRoot, 'utf8'))?.components ?? {}) as ComponentSections;
  const renames = renameFileComponents(document.components ?? {}, rootComponents);
  return inlineUnnamedComponents(rewriteRefs(document, renames), rootComponents) as Record<string, unknown>;
}

const componentPointer = (section: string, name: string) => `#/components/${section}/${name}`;

/**
 * Gives each component Redocly named after its file the root's name for it, in the root's order, and returns the
 * pointer renames to apply to every reference.
 */
function renameFileComponents(components: ComponentSections, rootComponents: ComponentSections): Map<string, string> {
  const renames = new Map<string, string>();
  for (const [section, entries] of Object.entries(components)) {
    const rootNames = Object.keys(rootComponents[section] ?? {});
    const renamed: Record<string, Json> = {};
    for (const name of rootNames) {
      const target = localRefName(entries[name], section);
      if (target === undefined || rootNames.includes(target) || renames.has(componentPointer(section, target))) {
        renamed[name] = entries[name];
        continue;
      }
      renamed[name] = entries[target];
      renames.set(componentPointer(section, target), componentPointer(section, name));
    }
    for (const [name, value] of Object.entries(entries)) {
      if (!(name in renamed) && !renames.has(componentPointer(section, name))) renamed[name] = value;
    }
    components[section] = renamed;
  }
  return renames;
}

/** The name of the component of the same section that `node` is a bare reference to. */
function localRefName(node: Json, section: string): string | undefined {
  if (!isObject(node) || Object.keys(node).length !== 1 || typeof node.$ref !== 'string') return undefined;
  const prefix = `#/components/${section}/`;
  return node.$ref.startsWith(prefix) ? node.$ref.slice(prefix.length) : undefined;
}

function rewriteRefs(node: Json, renames: Map<string, string>): Json {
  if (Array.isArray(node)) return node.map((item) => rewriteRefs(item, renames));
  if (!isObject(node)) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' ? (renames.get(value) ?? value) : rewriteRefs(value, renames),
    ]),
  );
}

/** Replaces each reference to a component the root does not name with that component's content, then drops it. */
function inlineUnnamedComponents(document: Json, rootComponents: ComponentSections): Json {
  const components = ((document as { components?: ComponentSections }).components ?? {}) as ComponentSections;
  const unnamed = new Map<string, Json>();
  for (const [section, entries] of Object.entries(components)) {
    for (const [name, value] of Object.entries(entries)) {
      if (name in (rootComponents[section] ?? {})) continue;
      unnamed.set(componentPointer(section, name), value);
      delete entries[name];
    }
  }
  const inline = (node: Json, seen: string[]): Json => {
    if (Array.isArray(node)) return node.map((item) => inline(item, seen));
    if (!isObject(node)) return node;
    const ref = typeof node.$ref === 'string' ? node.$ref : undefined;
    if (ref !== undefined && unnamed.has(ref)) {
      if (seen.includes(ref)) {
        throw new Error(`${ref} refers to itself; name it under \`components\` in spec/openapi.yaml`);
      }
      const { $ref: _, ...siblings } = node;
      const content = inline(unnamed.get(ref), [...seen, ref]);
      return Object.keys(siblings).length === 0
        ? content
        : { ...(content as Record<string, Json>), ...(inline(siblings, seen) as Record<string, Json>) };
    }
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, inline(value, seen)]));
  };
  return inline(document, []);
}

function isObject(node: Json): node is Record<string, Json> {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}
