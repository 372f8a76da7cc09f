export type ApiFamily = 'platform' | 'application' | 'client' | 'system';

export interface OperationInfo {
  operationId: string;
  method: string;
  path: string;
  tag: string;
  /** The area of the server the operation belongs to, from its first tag's `x-area`: its handler's module folder. */
  area: string;
  family: ApiFamily;
  /** The security schemes that may call the operation; empty when it is open. */
  schemes: string[];
  /** The role the operation requires in the account, from `x-required-role`. */
  requiredRole: string | undefined;
}

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** The API family a path belongs to, from its prefix. */
export function familyOf(path: string): ApiFamily {
  if (path.startsWith('/platform/')) return 'platform';
  if (path.startsWith('/public/')) return 'client';
  if (path.startsWith('/api/')) return 'application';
  return 'system';
}

interface SpecDocument {
  paths?: Record<string, Record<string, unknown>>;
  tags?: Array<{ name: string; 'x-area'?: string }>;
}

/** The area a tag names in `x-area`; a tag without one cannot place its operations' handlers. */
function areaOf(document: SpecDocument, tag: string, operationId: string): string {
  const area = document.tags?.find((candidate) => candidate.name === tag)?.['x-area'];
  if (!area) {
    throw new Error(
      `${operationId}: its tag "${tag}" needs an x-area (the folder under apps/server/src/modules/) in the tags of spec/openapi.yaml`,
    );
  }
  return area;
}

/** Every operation of a bundled document, in document order. */
export function listOperations(document: SpecDocument): OperationInfo[] {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    methods
      .filter((method) => item[method])
      .map((method) => {
        const operation = item[method] as {
          operationId?: string;
          tags?: string[];
          security?: Array<Record<string, unknown>>;
          'x-required-role'?: string;
        };
        if (!operation.operationId) throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
        const tag = operation.tags?.[0] ?? 'untagged';
        return {
          operationId: operation.operationId,
          method,
          path,
          tag,
          area: areaOf(document, tag, operation.operationId),
          family: familyOf(path),
          schemes: (operation.security ?? []).flatMap((requirement) => Object.keys(requirement)),
          requiredRole: operation['x-required-role'],
        };
      }),
  );
}

/** `AgentBots` → `agent-bots`, `Account Users` → `account-users`, `platformGetUser` → `platform-get-user`. */
export function kebabCase(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
}

/** Where an operation's handler lives, relative to the server's src folder, without extension: beside its area's service. */
export function handlerModuleOf(operation: OperationInfo): string {
  return `modules/${operation.area}/handlers/${kebabCase(operation.operationId)}`;
}
