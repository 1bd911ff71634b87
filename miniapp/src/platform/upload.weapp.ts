import Taro from '@tarojs/taro';
import { contentTypeOf, UploadError, type PickKind, type PickedFile, type PutTarget } from './upload.core';

export { UploadError, contentTypeOf } from './upload.core';
export type { PickKind, PickedFile, PutTarget } from './upload.core';

/** WeChat picks files from a chat (chooseMessageFile). */
export const canPickCsv = true;

const cancelled = (e: unknown) => /cancel/i.test(String((e as { errMsg?: string } | undefined)?.errMsg ?? e));

/** Photos and videos from the album or camera; a CSV from a chat. [] when the user cancelled. */
export async function pickFiles(kind: PickKind, count = 1): Promise<PickedFile[]> {
  try {
    if (kind === 'csv') {
      const res = await Taro.chooseMessageFile({ count, type: 'file', extension: ['csv'] });
      return res.tempFiles.map((f) => ({ previewUrl: f.path, name: f.name, size: f.size, type: contentTypeOf(f.name) || 'text/csv' }));
    }
    const res = await Taro.chooseMedia({ count, mediaType: [kind], sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    return res.tempFiles.map((f) => ({ previewUrl: f.tempFilePath, name: f.tempFilePath, size: f.size, type: contentTypeOf(f.tempFilePath) }));
  } catch (e) {
    if (cancelled(e)) return [];
    throw e;
  }
}

function readFile(filePath: string): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath,
      success: (r) => resolve(r.data as ArrayBuffer),
      fail: () => reject(new UploadError(0)),
    });
  });
}

/**
 * NOTE: Taro.uploadFile sends a multipart POST, which a presigned S3 PUT refuses: read the bytes and
 * send them as the raw body of a PUT instead.
 */
export async function putFile(target: PutTarget, file: PickedFile): Promise<void> {
  const data = await readFile(file.previewUrl || file.name);
  let status = 0;
  try {
    const res = await Taro.request({ url: target.uploadUrl, method: 'PUT', data, header: target.headers, dataType: '其他', responseType: 'text' });
    status = res.statusCode;
  } catch {
    throw new UploadError(0);
  }
  if (status < 200 || status >= 300) throw new UploadError(status);
}

export function readText(file: PickedFile): Promise<string> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath: file.previewUrl || file.name,
      encoding: 'utf8',
      success: (r) => resolve(String(r.data)),
      fail: () => reject(new UploadError(0)),
    });
  });
}
