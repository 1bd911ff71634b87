import { Text, View } from '@tarojs/components';
import { useI18n } from '../../../i18n';
import { uploadProductFile } from '../../../services/catalog-admin';
import { FieldError } from '../../components/field-error';
import { MediaGrid } from '../../components/media-grid';
import { MAX_IMAGES, move, type FieldErrors, type ProductForm } from '../../lib/product-form';
import { useUploader } from '../../lib/use-upload';
import { checkImage, checkVideo } from '../../lib/uploads';

interface Props {
  merchantId: string;
  form: ProductForm;
  errors: FieldErrors;
  patch: (p: Partial<ProductForm>, clear?: string[]) => void;
}

/** Up to 9 images (the first is the cover: reorder, remove) and an optional MP4 video. */
export function MediaSection({ merchantId, form, errors, patch }: Props) {
  const { t } = useI18n();
  const images = useUploader();
  const video = useUploader();

  const addImages = async () => {
    const added = await images.pickAndUpload('image', MAX_IMAGES - form.images.length, checkImage, (f, type) => uploadProductFile(merchantId, f, type));
    if (added.length) patch({ images: [...form.images, ...added].slice(0, MAX_IMAGES) }, ['imageKeys']);
  };
  const addVideo = async () => {
    const [m] = await video.pickAndUpload('video', 1, checkVideo, (f, type) => uploadProductFile(merchantId, f, type));
    if (m) patch({ video: m }, ['videoKey']);
  };

  return (
    <View id="pe-media" className="card m-section">
      <View className="m-section__head">
        <Text className="m-section__title">{t('merchant.product.images')} *</Text>
        <Text className="m-muted">
          {form.images.length}/{MAX_IMAGES}
        </Text>
      </View>
      <Text className="m-help">{t('merchant.product.images_help')}</Text>
      <MediaGrid
        idPrefix="pe-images"
        items={form.images}
        max={MAX_IMAGES}
        busy={images.busy}
        onAdd={() => void addImages()}
        onRemove={(i) => patch({ images: form.images.filter((_, j) => j !== i) }, ['imageKeys'])}
        onMove={(i, dir) => patch({ images: move(form.images, i, dir) }, ['imageKeys'])}
      />
      <FieldError errors={errors} path="imageKeys" />
      <View className="field m-gap">
        <Text className="field__label">{t('merchant.product.video')}</Text>
        {form.video ? (
          <View id="pe-video" className="m-file">
            <Text className="m-file__name">▶ {form.video.key.split('/').pop()}</Text>
            <Text id="pe-video-remove" className="m-link m-link--danger" onClick={() => patch({ video: null }, ['videoKey'])}>
              {t('merchant.common.remove')}
            </Text>
          </View>
        ) : (
          <View id="pe-video-add" className={`m-file m-file--add ${video.busy ? 'm-file--busy' : ''}`} onClick={() => !video.busy && void addVideo()}>
            <Text>{video.busy ? t('merchant.upload.uploading') : `+ ${t('merchant.product.video_add')}`}</Text>
          </View>
        )}
        <FieldError errors={errors} path="videoKey" />
      </View>
    </View>
  );
}
