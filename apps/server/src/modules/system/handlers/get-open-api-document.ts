import type { operations } from '@inquirly/api-types';
import type { Handler } from '../../../http/operation-types';
import { publishedSpecDocument } from '../../../http/spec-document';

type DocumentBody = operations['getOpenApiDocument']['responses'][200]['content']['application/json'];

/** GET /openapi.json */
export const getOpenApiDocument: Handler<'getOpenApiDocument'> = async () => ({
  status: 200,
  body: publishedSpecDocument() as unknown as DocumentBody,
});
