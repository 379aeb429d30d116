import { notFoundReply } from '../../api/envelope';
import type { EmulatorContext } from '../../server/context';
import type { Reply } from '../../server/reply';
import { UPLOADS_PATH } from '../../state/uploads';

const UPLOAD_PATH = new RegExp(`^${UPLOADS_PATH}/([0-9a-f-]{36})/[^/]+$`);

/** Whether `method pathname` asks for an uploaded file (`GET /uploads/<id>/<name>`). */
export function isUploadedFileRequest(method: string | undefined, pathname: string): boolean {
  return method === 'GET' && UPLOAD_PATH.test(pathname);
}

/**
 * An uploaded file, as `GET <emulator url>/uploads/<id>/<name>` serves it to anyone (no credential, like
 * a public CDN URL): its bytes with its media type, or 404 in Qontak's envelope once it is no longer kept.
 */
export function uploadedFileReply(ctx: EmulatorContext, pathname: string): Reply {
  const id = UPLOAD_PATH.exec(pathname)?.[1];
  const file = id === undefined ? undefined : ctx.uploads.get(id);
  if (file === undefined) return notFoundReply('File not found');
  return {
    status: 200,
    headers: {
      'Content-Type': file.contentType,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': 'sandbox',
    },
    body: file.bytes,
  };
}
