import { appError } from '../../../errors/app-error';
import type { Handler } from '../../../http/operation-types';
import { referencePage } from '../reference-page';

/** GET /docs */
export const getApiReference: Handler<'getApiReference'> = async () => {
  const page = referencePage();
  if (!page) throw appError('RESOURCE_NOT_FOUND');
  return { status: 200, body: page };
};
