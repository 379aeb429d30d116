import { errorEnvelopeReply, successReply } from '../../api/envelope';
import { FieldErrors, notPermitted } from '../../api/field-checks';
import type { ApiOperation } from '../../api/operation';

/**
 * `POST /v1/file_uploader` (multipart/form-data, the field `file` alone: a file upload, not empty, given
 * once): the file is kept among the uploads and served at `data.url` (`<emulator url>/uploads/<id>/<name>`,
 * no credential needed, as WhatsApp fetches a template header's media). 201 with
 * `{ url, filename, size, content_type }`, or 422 naming each bad field.
 */
export const fileUploadOperation: ApiOperation = {
  method: 'POST',
  path: /^\/v1\/file_uploader$/,
  route: 'file-upload',
  body: 'multipart',
  async handle({ ctx }, form) {
    const errors = new FieldErrors();
    for (const key of new Set(form.keys())) {
      if (key !== 'file') errors.add(notPermitted(key));
    }
    const files = form.getAll('file');
    const [file] = files;
    if (file === undefined) errors.add('file is required');
    else if (files.length > 1) errors.add('file must be given once');
    else if (typeof file === 'string') errors.add('file must be a file upload');
    else if (file.size === 0) errors.add('file must not be empty');
    if (!errors.empty || file === undefined || typeof file === 'string') {
      return errorEnvelopeReply(422, errors.messages);
    }
    const { file: stored, url } = await ctx.uploads.add(file);
    return successReply(201, {
      url,
      filename: stored.filename,
      size: stored.bytes.byteLength,
      content_type: stored.contentType,
    });
  },
};
