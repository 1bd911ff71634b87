import { contentTypeOf, UploadError, type PickKind, type PickedFile, type PutTarget } from './upload.core';

export { UploadError, contentTypeOf } from './upload.core';
export type { PickKind, PickedFile, PutTarget } from './upload.core';

const ACCEPT: Record<PickKind, string> = {
  image: 'image/png,image/jpeg,image/webp',
  video: 'video/mp4',
  csv: '.csv,text/csv',
};

/** Browsers can pick any file, CSV included. */
export const canPickCsv = true;

/**
 * Opens the browser's file chooser (a detached `<input type="file">`). Resolves with the picked files,
 * [] when the user closed the chooser without picking (where the browser tells: `cancel` event).
 */
export function pickFiles(kind: PickKind, count = 1): Promise<PickedFile[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = ACCEPT[kind];
    input.multiple = count > 1;
    input.style.display = 'none';
    const done = (files: PickedFile[]) => {
      input.remove();
      resolve(files);
    };
    input.addEventListener('change', () => {
      const list = Array.from(input.files ?? []).slice(0, count);
      done(
        list.map((f) => ({
          previewUrl: kind === 'csv' ? '' : URL.createObjectURL(f),
          name: f.name,
          size: f.size,
          type: f.type || contentTypeOf(f.name),
          blob: f,
        })),
      );
    });
    input.addEventListener('cancel', () => done([]));
    document.body.appendChild(input);
    input.click();
  });
}

/** PUTs the file to the presigned URL with the ticket's headers (the browser sets Content-Length). */
export async function putFile(target: PutTarget, file: PickedFile): Promise<void> {
  if (!file.blob) throw new UploadError(0);
  let res: Response;
  try {
    res = await fetch(target.uploadUrl, { method: 'PUT', headers: target.headers, body: file.blob });
  } catch {
    throw new UploadError(0);
  }
  if (!res.ok) throw new UploadError(res.status);
}

/** The file's text (UTF-8). */
export async function readText(file: PickedFile): Promise<string> {
  if (!file.blob) throw new UploadError(0);
  return file.blob.text();
}
