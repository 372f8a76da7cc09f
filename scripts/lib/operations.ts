export type ApiFamily = 'platform' | 'application' | 'client' | 'system';

export interface OperationInfo {
  operationId: string;
  method: string;
  path: string;
  tag: string;
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

/** Every operation of a bundled document, in document order. */
export function listOperations(document: { paths?: Record<string, Record<string, unknown>> }): OperationInfo[] {
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
        return {
          operationId: operation.operationId,
          method,
          path,
          tag: operation.tags?.[0] ?? 'untagged',
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

/** Where an operation's handler lives, relative to the handlers folder, without extension. */
export function handlerModuleOf(operation: OperationInfo): string {
  return `${operation.family}/${kebabCase(operation.tag)}/${kebabCase(operation.operationId)}`;
}
