import { useState } from 'react';
import { t } from '../../i18n';
import { pickFiles, UploadError, type PickKind, type PickedFile } from '../../platform/upload';
import { isApiError, toast, toastError } from '../../services/request';
import type { UploadCheck } from './uploads';
import type { UploadedMedia } from './product-form';

/**
 * Pick -> check (type, size: before asking for a ticket) -> ticket -> PUT to storage, with a busy flag.
 * A refused file is a toast and is skipped; the others go on.
 */
export function useUploader() {
  const [busy, setBusy] = useState(false);

  async function pickAndUpload<T extends string>(
    kind: PickKind,
    count: number,
    check: (f: PickedFile) => UploadCheck<T>,
    upload: (f: PickedFile, contentType: T) => Promise<string>,
  ): Promise<UploadedMedia[]> {
    if (count <= 0) return [];
    let files: PickedFile[];
    try {
      files = await pickFiles(kind, count);
    } catch {
      toast(t('merchant.upload.pick_failed'));
      return [];
    }
    const done: UploadedMedia[] = [];
    if (files.length === 0) return done;
    setBusy(true);
    try {
      for (const f of files) {
        const ok = check(f);
        if (!ok.ok) {
          toast(t(ok.error));
          continue;
        }
        try {
          const key = await upload(f, ok.contentType);
          done.push({ key, url: f.previewUrl });
        } catch (e) {
          if (e instanceof UploadError || !isApiError(e)) toast(t('merchant.upload.failed'));
          else toastError(e);
        }
      }
    } finally {
      setBusy(false);
    }
    return done;
  }

  return { busy, pickAndUpload };
}
