import '../../messages';
import '../../../components/reviews/messages';
import { useDidShow } from '@tarojs/taro';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { EmptyState } from '../../../components/states';
import { ReviewCard } from '../../../components/reviews/review-card';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useI18n } from '../../../i18n';
import { fetchStoreReviews, sendReply, type MerchantReview } from '../../../services/reviews';
import { toast, toastError } from '../../../services/request';
import { getSession } from '../../../services/session';
import { MerchantScreen } from '../../components/screen';
import { useMerchant } from '../../lib/use-merchant';
import { usePaged } from '../../lib/use-paged';
import '../merchant.scss';

/** The store's shown reviews, newest first; each takes one reply. */
export default function MerchantReviewsPage() {
  const { t } = useI18n();
  usePageTitle('reviews.merchant_title');
  const { merchantId } = useMerchant();
  const list = usePaged<MerchantReview>((cursor) => fetchStoreReviews(merchantId, cursor));
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [replied, setReplied] = useState<Record<string, MerchantReview>>({});
  const [busy, setBusy] = useState<string | null>(null);

  useDidShow(() => {
    if (getSession()) void list.reload();
  });

  const reply = async (id: string) => {
    const text = (drafts[id] ?? '').trim();
    if (!text) return;
    setBusy(id);
    try {
      const r = await sendReply(merchantId, id, text);
      setReplied((m) => ({ ...m, [id]: r }));
      toast(t('reviews.reply_sent'));
    } catch (e) {
      toastError(e);
    } finally {
      setBusy(null);
    }
  };

  const s = list.state;
  return (
    <MerchantScreen
      id="page-merchant-reviews"
      state={s.status === 'ok' ? { status: 'ok' } : s.status === 'error' ? s : { status: 'loading' }}
      onRetry={() => void list.reload()}
    >
      {() =>
        s.status !== 'ok' ? null : s.items.length === 0 ? (
          <EmptyState id="merchant-reviews-empty" icon="me" title={t('reviews.none_title')} body={t('reviews.merchant_empty')} />
        ) : (
          <View id="merchant-reviews-list">
            {s.items.map((item) => {
              const r = replied[item.id] ?? item;
              return (
                <View key={r.id} id={`merchant-review-${r.id}`}>
                  <Text className="m-muted">{t('reviews.product_of', { title: r.productTitle })}</Text>
                  <ReviewCard review={r} />
                  {r.reply ? null : (
                    <View className="card review-reply-form">
                      <Textarea
                        id={`merchant-reply-text-${r.id}`}
                        className="review-form__text"
                        value={drafts[r.id] ?? ''}
                        maxlength={300}
                        aria-label={t('reviews.reply_label')}
                        placeholder={t('reviews.reply_placeholder')}
                        onInput={(e) => setDrafts((d) => ({ ...d, [r.id]: e.detail.value }))}
                      />
                      <Button
                        id={`merchant-reply-send-${r.id}`}
                        className="btn btn--primary btn--small"
                        loading={busy === r.id || undefined}
                        disabled={busy === r.id || !(drafts[r.id] ?? '').trim() || undefined}
                        onClick={() => void reply(r.id)}
                      >
                        {t('reviews.reply_send')}
                      </Button>
                    </View>
                  )}
                </View>
              );
            })}
            <View className="m-more">
              {s.nextCursor ? (
                <Button id="merchant-reviews-more" className="btn btn--ghost" loading={s.loadingMore || undefined} onClick={() => void list.more()}>
                  {t('common.load_more')}
                </Button>
              ) : (
                <Text className="m-end">{t('common.no_more')}</Text>
              )}
            </View>
          </View>
        )
      }
    </MerchantScreen>
  );
}
