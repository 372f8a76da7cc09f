import { FileBody } from '../../../http/file-body';
import type { Handler } from '../../../http/operation-types';

/** GET /attachments/{signed_key}/{file_name} */
export const downloadAttachment: Handler<'downloadAttachment'> = async ({ path, services }) => {
  const download = await services.attachments.download(path.signed_key);
  return { status: 200, body: new FileBody(download) };
};
