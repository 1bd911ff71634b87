import { useRef, useState } from 'react';
import { MAX_AFTER_SALE_PHOTOS } from '@wxshop/shared';
import { t } from '../../i18n';
import { pickFiles, type PickedFile } from '../../platform/upload';
import { MAX_AFTER_SALE_PHOTO_BYTES, uploadAfterSalePhoto } from '../../services/after-sales';
import { toast } from '../../services/request';

export interface PhotoUpload {
  id: number;
  file: PickedFile;
  status: 'uploading' | 'done' | 'failed';
  key: string | null;
}

const TYPES = ['image/png', 'image/jpeg', 'image/webp'];

/**
 * Photos of an after-sale request: each uploads (presigned PUT) as soon as it is picked, with its
 * state on its thumbnail; a failed one retries on tap; any can be removed. At most 9.
 */
export function usePhotoUploads() {
  const [photos, setPhotos] = useState<PhotoUpload[]>([]);
  const seq = useRef(0);
  const set = (id: number, p: Partial<PhotoUpload>) => setPhotos((ps) => ps.map((x) => (x.id === id ? { ...x, ...p } : x)));

  const upload = async (id: number, file: PickedFile) => {
    set(id, { status: 'uploading' });
    try {
      set(id, { status: 'done', key: await uploadAfterSalePhoto(file) });
    } catch {
      set(id, { status: 'failed' });
    }
  };

  const add = async () => {
    let files: PickedFile[];
    try {
      files = await pickFiles('image', MAX_AFTER_SALE_PHOTOS - photos.length);
    } catch {
      return;
    }
    const ok = files.filter((f) => TYPES.includes(f.type) && f.size > 0 && f.size <= MAX_AFTER_SALE_PHOTO_BYTES);
    if (ok.length < files.length) toast(t('after_sale.photo_refused'));
    const added = ok.slice(0, MAX_AFTER_SALE_PHOTOS - photos.length).map((file) => ({ id: (seq.current += 1), file, status: 'uploading' as const, key: null }));
    setPhotos((ps) => [...ps, ...added]);
    for (const p of added) await upload(p.id, p.file);
  };

  const retry = (p: PhotoUpload) => void (p.status === 'failed' ? upload(p.id, p.file) : undefined);
  const remove = (id: number) => setPhotos((ps) => ps.filter((x) => x.id !== id));
  const done = photos.filter((p) => p.status === 'done').length;
  return { photos, add, retry, remove, done, pending: photos.length - done, keys: photos.flatMap((p) => (p.key ? [p.key] : [])) };
}
