import '../../messages';
import '../../../components/reviews/messages';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Checkbox, Label, Text, Textarea, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { MyReview, ReviewStars } from '@wxshop/shared';
import { EmptyState, ErrorState, Loading, SignInRequired } from '../../../components/states';
import { Picture } from '../../../components/picture';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { pickFiles, type PickedFile } from '../../../platform/upload';
import { fetchMyOrder } from '../../../services/orders';
import { fetchOrderReviews, submitReview, uploadReviewPhoto } from '../../../services/reviews';
import { toast, toastError } from '../../../services/request';
import { useSession } from '../../../services/session';
import '../../../components/reviews/reviews.scss';
import '../orders.scss';

const MAX_PHOTOS = 9;
const ASPECTS = ['product', 'service', 'delivery'] as const;

/** Writes the review of one line of a received order: three star ratings, text, photos, anonymous. */
export default function WriteReviewPage() {
  const { t } = useI18n();
  usePageTitle('reviews.write_title');
  const session = useSession();
  const { orderId = '', skuId = '' } = useRouter().params;
  const [remote, load] = useRemote(async () => {
    const [order, reviews] = await Promise.all([fetchMyOrder(orderId), fetchOrderReviews(orderId)]);
    return { order, existing: reviews.items.find((r) => r.skuId === skuId) ?? null };
  });
  const [stars, setStars] = useState<ReviewStars>({ product: 5, service: 5, delivery: 5 });
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<PickedFile[]>([]);
  const [anonymous, setAnonymous] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<MyReview | null>(null);

  useEffect(() => {
    if (session && orderId) void load();
  }, [session, orderId, load]);

  const addPhotos = async () => {
    const picked = await pickFiles('image', MAX_PHOTOS - photos.length);
    setPhotos((p) => [...p, ...picked].slice(0, MAX_PHOTOS));
  };

  const submit = async () => {
    if (!text.trim()) return toast(t('reviews.text_required'));
    setBusy(true);
    try {
      if (photos.length) toast(t('reviews.uploading'));
      const photoKeys: string[] = [];
      for (const p of photos) photoKeys.push(await uploadReviewPhoto(p));
      setDone(await submitReview(orderId, { skuId, stars, text: text.trim(), photoKeys, anonymous }));
    } catch (e) {
      toastError(e);
    } finally {
      setBusy(false);
    }
  };

  const line = remote.status === 'ok' ? remote.data.order.lines.find((l) => l.skuId === skuId) : undefined;
  const written = done ?? (remote.status === 'ok' ? remote.data.existing : null);
  let body;
  if (!session) body = <SignInRequired id="review-signin" />;
  else if (remote.status === 'error') body = <ErrorState id="review-error" error={remote.error} onRetry={() => void load()} />;
  else if (remote.status !== 'ok') body = <Loading id="review-loading" />;
  else if (!line || remote.data.order.status !== 'completed')
    body = <EmptyState id="review-missing" icon="cart" title={t('common.error_title')} body={t('reviews.missing')} />;
  else if (written)
    body = (
      <View id="review-done" className="o-card">
        <Text className="o-card__title">{done ? t('reviews.done_title') : t('reviews.reviewed')}</Text>
        <View id="review-state" className="review-state">
          <Text>{t(`reviews.status.${written.status}`)}</Text>
          {written.rejection ? <Text id="review-rejection">{` ${t(`reviews.reason.${written.rejection.reason}`)}`}</Text> : null}
        </View>
        <Button id="review-back" className="btn btn--ghost" onClick={() => void Taro.navigateBack().catch(() => undefined)}>
          {t('reviews.back_to_order')}
        </Button>
      </View>
    );
  else
    body = (
      <View id="review-form" className="o-card">
        <Text className="o-card__title">{line.title}</Text>
        {ASPECTS.map((aspect) => (
          <View key={aspect} className="review-form__row" role="radiogroup" aria-label={t(`reviews.stars.${aspect}`)}>
            <Text>{t(`reviews.stars.${aspect}`)}</Text>
            <View>
              {[1, 2, 3, 4, 5].map((n) => (
                <View
                  key={n}
                  id={`review-star-${aspect}-${n}`}
                  role="radio"
                  aria-checked={stars[aspect] === n}
                  aria-label={t('reviews.stars_label', { n })}
                  className={`review-form__star${n <= stars[aspect] ? ' review-form__star--on' : ''}`}
                  onClick={() => setStars((s) => ({ ...s, [aspect]: n }))}
                >
                  ★
                </View>
              ))}
            </View>
          </View>
        ))}
        <Textarea
          id="review-text"
          className="review-form__text"
          value={text}
          maxlength={500}
          aria-label={t('reviews.text_label')}
          placeholder={t('reviews.text_placeholder')}
          onInput={(e) => setText(e.detail.value)}
        />
        <View className="review-form__photos">
          {photos.map((p, i) => (
            <View key={p.previewUrl || i} className="review-form__thumb">
              <Picture className="review-card__photo" src={p.previewUrl} mode="aspectFill" alt={t('reviews.photo_alt', { n: i + 1 })} />
              <View
                className="review-form__remove"
                role="button"
                aria-label={t('reviews.remove_photo', { n: i + 1 })}
                onClick={() => setPhotos((ps) => ps.filter((_, j) => j !== i))}
              >
                ×
              </View>
            </View>
          ))}
        </View>
        {photos.length < MAX_PHOTOS ? (
          <Button id="review-add-photos" className="btn btn--ghost btn--small" onClick={() => void addPhotos()}>
            {t('reviews.add_photos', { count: photos.length })}
          </Button>
        ) : null}
        <Label className="review-form__row">
          <Checkbox id="review-anonymous" value="anonymous" checked={anonymous} onClick={() => setAnonymous((a) => !a)} />
          <Text>{t('reviews.anonymous_option')}</Text>
        </Label>
        <Button id="review-submit" className="btn btn--primary" loading={busy || undefined} disabled={busy || undefined} onClick={() => void submit()}>
          {t('reviews.submit')}
        </Button>
      </View>
    );
  return (
    <View id="page-write-review" className="page o-page">
      {body}
    </View>
  );
}
