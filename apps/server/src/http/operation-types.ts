import type { components, operations } from '@inquirly/api-types';
import type { AccountMember } from '../auth/account-member';
import type { Caller } from '../auth/caller';
import type { Services } from '../services';

export type Schemas = components['schemas'];
export type OperationId = keyof operations;

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

type ResponseBody<Response> = Response extends { content: { 'application/json': infer Body } } ? Body : undefined;

/** What a handler answers: one of the statuses its operation declares, with that status's body. */
export type HandlerResult<Op extends OperationId> = {
  [Status in keyof Responses<Op>]: ResponseBody<Responses<Op>[Status]> extends undefined
    ? { status: Status; body?: undefined }
    : { status: Status; body: ResponseBody<Responses<Op>[Status]> };
}[keyof Responses<Op>];

/** Everything a handler gets: validated, typed input and the authenticated caller. No req, no res. */
export interface HandlerContext<Op extends OperationId> {
  path: Parameters<Op, 'path'>;
  query: Parameters<Op, 'query'>;
  body: RequestBody<Op>;
  caller: Caller;
  /** For user calls under `/accounts/{account_id}`: the caller as a member of that account (see `memberOf`). */
  member: AccountMember | undefined;
  services: Services;
  /** Origin of the request, such as `http://localhost:3000`, for links the server hands out. */
  origin: string;
}

export type Handler<Op extends OperationId> = (context: HandlerContext<Op>) => Promise<HandlerResult<Op>>;

/** One handler per operation of the spec: an operation without a handler fails the typecheck. */
export type HandlerMap = { [Op in OperationId]: Handler<Op> };
