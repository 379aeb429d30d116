import { randomUUID } from 'node:crypto';
import { BoundedRecords } from './bounded-records';

/** An uploaded file the emulator serves. */
interface UploadedFile {
  readonly id: string;
  readonly filename: string;
  /** Its media type as uploaded (`application/octet-stream` when none). */
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

/** The most bytes of uploaded files kept, all together: 32 MiB. */
const MAX_UPLOAD_BYTES = 32 * 1024 * 1024;

/** Where uploaded files are served, below the emulator's URL. */
export const UPLOADS_PATH = '/uploads';

/**
 * The files uploaded through the API (`POST /v1/file_uploader`, an agent message's file), served at
 * `<emulator url>/uploads/<id>/<filename>` until `clear()`: the newest `maxRecords` and at most
 * {@link MAX_UPLOAD_BYTES} of them (the newest is always kept); older ones are dropped, oldest first.
 */
export class Uploads {
  readonly #files: BoundedRecords<UploadedFile>;
  #origin = '';

  constructor(maxRecords: number) {
    this.#files = new BoundedRecords(maxRecords, MAX_UPLOAD_BYTES);
  }

  /** The emulator's URL, known once it listens; the files' URLs start with it. */
  serveAt(origin: string): void {
    this.#origin = origin;
  }

  /** Keeps `file` and answers where it is served. */
  async add(file: File): Promise<{ file: UploadedFile; url: string }> {
    const stored: UploadedFile = {
      id: randomUUID(),
      filename: file.name === '' ? 'file' : file.name,
      contentType: file.type === '' ? 'application/octet-stream' : file.type,
      bytes: new Uint8Array(await file.arrayBuffer()),
    };
    this.#files.add(stored.id, stored, stored.bytes.byteLength);
    return { file: stored, url: this.urlOf(stored) };
  }

  /** The URL file `file` is served at. */
  urlOf(file: UploadedFile): string {
    return `${this.#origin}${UPLOADS_PATH}/${file.id}/${encodeURIComponent(file.filename)}`;
  }

  get(id: string): UploadedFile | undefined {
    return this.#files.get(id);
  }

  clear(): void {
    this.#files.clear();
  }
}
