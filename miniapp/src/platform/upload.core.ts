/**
 * What the upload files of every platform share: the picked-file shape and the content type of a
 * file name. Uploads go straight to S3 with the presigned PUT the API returns (`uploadUrl`, `headers`).
 */

/** A file the user picked, ready to be checked and uploaded. */
export interface PickedFile {
  /** Something `<Image src>` can show: a blob URL on H5, a temp file path in mini-programs. */
  previewUrl: string;
  name: string;
  /** Bytes. */
  size: number;
  /** MIME type: the browser's, else guessed from the extension ('' when unknown). */
  type: string;
  /** H5 only: the File itself. */
  blob?: Blob;
}

export type PickKind = 'image' | 'video' | 'csv';

/** The presigned PUT of an upload ticket. */
export interface PutTarget {
  uploadUrl: string;
  headers: Record<string, string>;
}

const BY_EXTENSION: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  csv: 'text/csv',
  txt: 'text/plain',
};

/** `photo.JPG` -> `image/jpeg`; '' when the extension is unknown. */
export function contentTypeOf(name: string): string {
  const m = /\.([A-Za-z0-9]+)(?:\?.*)?$/.exec(name);
  return (m && BY_EXTENSION[m[1]!.toLowerCase()]) || '';
}

/** Thrown when the storage refused the PUT or could not be reached. */
export class UploadError extends Error {
  constructor(readonly status: number) {
    super(`upload failed (${status})`);
    this.name = 'UploadError';
  }
}
