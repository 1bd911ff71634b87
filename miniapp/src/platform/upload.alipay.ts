import Taro from '@tarojs/taro';
import { contentTypeOf, UploadError, type PickKind, type PickedFile, type PutTarget } from './upload.core';

export { UploadError, contentTypeOf } from './upload.core';
export type { PickKind, PickedFile, PutTarget } from './upload.core';

/** Alipay has no file picker for documents: CSV is pasted. */
export const canPickCsv = false;

const cancelled = (e: unknown) => /cancel|取消/i.test(String((e as { errorMessage?: string; errMsg?: string } | undefined)?.errMsg ?? e));

async function sizeOf(filePath: string): Promise<number> {
  try {
    const info = await Taro.getFileInfo({ filePath });
    return 'size' in info ? info.size : 0;
  } catch {
    return 0;
  }
}

/** Photos from the album or camera (my.chooseImage), one video (my.chooseVideo). [] when cancelled. */
export async function pickFiles(kind: PickKind, count = 1): Promise<PickedFile[]> {
  try {
    if (kind === 'csv') return [];
    if (kind === 'video') {
      const v = await Taro.chooseVideo({ sourceType: ['album', 'camera'] });
      return [
        {
          previewUrl: v.tempFilePath,
          name: v.tempFilePath,
          size: v.size || (await sizeOf(v.tempFilePath)),
          type: contentTypeOf(v.tempFilePath) || 'video/mp4',
        },
      ];
    }
    const res = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    return Promise.all(res.tempFilePaths.map(async (p) => ({ previewUrl: p, name: p, size: await sizeOf(p), type: contentTypeOf(p) })));
  } catch (e) {
    if (cancelled(e)) return [];
    throw e;
  }
}

function readFile(filePath: string, encoding?: 'utf8'): Promise<string | ArrayBuffer> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath,
      ...(encoding ? { encoding } : {}),
      success: (r) => resolve(r.data),
      fail: () => reject(new UploadError(0)),
    });
  });
}

/**
 * A raw PUT of the file bytes (a multipart upload would not match the presigned PUT).
 * NOTE: not yet tried in the Alipay IDE: my.request documents ArrayBuffer bodies for PUT from base library 2.x.
 */
export async function putFile(target: PutTarget, file: PickedFile): Promise<void> {
  const data = await readFile(file.previewUrl);
  let status = 0;
  try {
    const res = await Taro.request({ url: target.uploadUrl, method: 'PUT', data, header: target.headers, dataType: '其他', responseType: 'text' });
    status = res.statusCode;
  } catch {
    throw new UploadError(0);
  }
  if (status < 200 || status >= 300) throw new UploadError(status);
}

export async function readText(file: PickedFile): Promise<string> {
  return String(await readFile(file.previewUrl, 'utf8'));
}
