import type { operations } from '@inquirly/api-types';
import type { AgentBotActor, MemberActor, PlatformAppActor, UserActor } from '../auth/actor';
import type { Services } from '../services';
import type { FileBody } from './file-body';
import type { HtmlPage } from './html-page';
import type { operationAccess } from './operation-access';
import type { OperationId } from './operation-access-rule';
import type { UploadedFile } from './uploaded-file';

export type { OperationId } from './operation-access-rule';

type Parameters<Op extends OperationId, Where extends 'path' | 'query'> = [
  NonNullable<operations[Op]['parameters'][Where]>,
] extends [never]
  ? Record<string, never>
  : NonNullable<operations[Op]['parameters'][Where]>;

type RequestBody<Op extends OperationId> = operations[Op] extends {
  requestBody: { content: { 'application/json': infer Body } };
}
  ? Body
  : operations[Op] extends { requestBody?: { content: { 'application/json': infer Body } } }
    ? Body | undefined
    : undefined;

type Responses<Op extends OperationId> = operations[Op]['responses'];

/**
 * What a handler answers a status with: its JSON, a page for HTML, a file for any other media type, nothing for no
 * content.
 */
type ResponseBody<Response> = Response extends { content: { 'application/json': infer Body } }
  ? Body
  : Response extends { content: { 'text/html': unknown } }
    ? HtmlPage
    : Response extends { content: object }
      ? FileBody
      : undefined;

/** What a handler answers: one of the statuses its operation declares, with that status's body. */
export type HandlerResult<Op extends OperationId> = {
  [Status in keyof Responses<Op>]: ResponseBody<Responses<Op>[Status]> extends undefined
    ? { status: Status; body?: undefined }
    : { status: Status; body: ResponseBody<Responses<Op>[Status]> };
}[keyof Responses<Op>];

type Rule<Op extends OperationId> = (typeof operationAccess)[Op];

type ActorOfScheme<Scheme, InAccount> = Scheme extends 'platformAppApiKey'
  ? PlatformAppActor
  : Scheme extends 'userApiKey'
    ? InAccount extends true
      ? MemberActor
      : UserActor
    : Scheme extends 'agentBotApiKey'
      ? AgentBotActor
      : never;

/**
 * Who acts in an operation, from its access rule: a platform app, a member of the path's account, a user, an agent
 * bot; undefined for an open operation.
 */
export type ActorOf<Op extends OperationId> = Rule<Op>['schemes'] extends readonly []
  ? undefined
  : ActorOfScheme<Rule<Op>['schemes'][number], Rule<Op>['inAccount']>;

/** Everything a handler gets: validated, typed input and the actor the route's pipeline established. No req, no res. */
export interface HandlerContext<Op extends OperationId> {
  path: Parameters<Op, 'path'>;
  query: Parameters<Op, 'query'>;
  /**
   * The body as the operation's JSON body describes it, also when it came as a `multipart/form-data` form: its text
   * fields read as that JSON (see `multipart-uploads.ts`).
   */
  body: RequestBody<Op>;
  /** The files a `multipart/form-data` body uploaded, in the order they came; none for any other body. */
  files: readonly UploadedFile[];
  actor: ActorOf<Op>;
  services: Services;
  /** Origin of the request, such as `http://localhost:3000`, for links the server hands out. */
  origin: string;
}

export type Handler<Op extends OperationId> = (context: HandlerContext<Op>) => Promise<HandlerResult<Op>>;

/** One handler per operation of the spec: an operation without a handler fails the typecheck. */
export type HandlerMap = { [Op in OperationId]: Handler<Op> };
