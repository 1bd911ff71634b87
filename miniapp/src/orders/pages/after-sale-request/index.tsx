import '../../messages';
import '../../../components/after-sales/messages';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import {
  AFTER_SALE_REASONS,
  MAX_AFTER_SALE_PHOTOS,
  MAX_AFTER_SALE_TEXT,
  formatMoney,
  type AfterSaleKind,
  type AfterSaleReason,
  type Order,
} from '@wxshop/shared';
import { EmptyState, ErrorState, Loading, SignInRequired } from '../../../components/states';
import { Picture } from '../../../components/picture';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { fetchAfterSaleQuote, submitAfterSale, type AfterSaleQuote } from '../../../services/after-sales';
import { fetchMyOrder } from '../../../services/orders';
import { errorText, isApiError, toast } from '../../../services/request';
import { useSession } from '../../../services/session';
import { afterSaleUrls } from '../../lib/urls';
import { usePhotoUploads } from '../../lib/photo-uploads';
import '../../../components/after-sales/after-sales.scss';

const KINDS: readonly AfterSaleKind[] = ['refund_only', 'return_refund'];
const newKey = () => `as-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
const shippedOf = (o: Order) => o.virtual || o.parcels.length > 0;

/**
 * Asks for an after-sale on an order: the kind, which units of which lines (no more than is left), the
 * reason, words and up to 9 photos; the refund as the server computes it shows before sending.
 */
export default function AfterSaleRequestPage() {
  const { t } = useI18n();
  usePageTitle('after_sale.request_title');
  const session = useSession();
  const { orderId = '', skuId = '' } = useRouter().params;
  const [remote, load] = useRemote(async () => {
    const order = await fetchMyOrder(orderId);
    const quote = await fetchAfterSaleQuote({ orderId, kind: 'refund_only', lines: [] });
    return { order, left: new Map(quote.left.map((l) => [l.skuId, l.units])) };
  });

  useEffect(() => {
    if (session && orderId) void load();
  }, [session, orderId, load]);

  let body;
  if (!session) body = <SignInRequired id="asr-signin" />;
  else if (!orderId) body = <EmptyState id="asr-missing" icon="cart" title={t('common.error_title')} body={t('orders.missing_id')} />;
  else if (remote.status === 'error') body = <ErrorState id="asr-error" error={remote.error} onRetry={() => void load()} />;
  else if (remote.status !== 'ok') body = <Loading id="asr-loading" />;
  else if (![...remote.data.left.values()].some((n) => n > 0))
    body = <EmptyState id="asr-nothing" icon="cart" title={t('after_sale.nothing_title')} body={t('after_sale.nothing_body')} />;
  else body = <RequestForm order={remote.data.order} left={remote.data.left} skuId={skuId} />;
  return (
    <View id="page-after-sale-request" className={`page as-page ${remote.status === 'ok' ? 'as-page--bar' : ''}`}>
      {body}
    </View>
  );
}

function RequestForm({ order, left, skuId }: { order: Order; left: Map<string, number>; skuId: string }) {
  const { lang, t } = useI18n();
  const shipped = shippedOf(order);
  const canReturn = shipped && !order.virtual;
  const [kind, setKind] = useState<AfterSaleKind>(canReturn ? 'return_refund' : 'refund_only');
  const open = order.lines.filter((l) => (left.get(l.skuId) ?? 0) > 0);
  const [units, setUnits] = useState<Record<string, number>>(() => {
    const first = open.find((l) => l.skuId === skuId) ?? (open.length === 1 ? open[0] : undefined);
    return first ? { [first.skuId]: 1 } : {};
  });
  const [reason, setReason] = useState<AfterSaleReason | null>(null);
  const [text, setText] = useState('');
  const photos = usePhotoUploads();
  const [quote, setQuote] = useState<{ status: 'none' } | { status: 'loading' } | { status: 'ok'; q: AfterSaleQuote } | { status: 'error'; text: string }>({
    status: 'none',
  });
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(newKey());

  const lines = Object.entries(units)
    .filter(([, n]) => n > 0)
    .map(([s, quantity]) => ({ skuId: s, quantity }));
  const linesKey = JSON.stringify(lines);

  // The server's amount for what is chosen now (a newer choice drops an older answer).
  useEffect(() => {
    key.current = newKey();
    const chosen = JSON.parse(linesKey) as typeof lines;
    if (chosen.length === 0) return setQuote({ status: 'none' });
    let live = true;
    setQuote({ status: 'loading' });
    const timer = setTimeout(() => {
      fetchAfterSaleQuote({ orderId: order.id, kind, lines: chosen }).then(
        (q) => live && setQuote({ status: 'ok', q }),
        (e: unknown) => live && setQuote({ status: 'error', text: isApiError(e) && e.status === 422 && e.message ? e.message : errorText(e) }),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [linesKey, kind, order.id]);

  const step = (s: string, n: number) => {
    setUnits((u) => ({ ...u, [s]: Math.max(0, Math.min(left.get(s) ?? 0, n)) }));
    setFormError(null);
  };

  const submit = async () => {
    if (lines.length === 0) return setFormError(t('after_sale.err_no_units'));
    if (!reason) return setFormError(t('after_sale.err_reason'));
    if (photos.pending > 0) return setFormError(t('after_sale.err_photos_pending'));
    setBusy(true);
    setFormError(null);
    try {
      const made = await submitAfterSale(
        { orderId: order.id, kind, lines, reason, ...(text.trim() ? { text: text.trim() } : {}), ...(photos.keys.length ? { photoKeys: photos.keys } : {}) },
        key.current,
      );
      toast(t('after_sale.submitted_toast'));
      void Taro.redirectTo({ url: afterSaleUrls.detail(made.id) });
    } catch (e) {
      // A refusal is final for this choice: the next tap is a new request.
      if (isApiError(e)) key.current = newKey();
      setFormError(isApiError(e) && (e.status === 422 || e.status === 409) && e.message ? e.message : errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View id="asr-form">
      <View className="card as-section">
        <Text className="as-section__title">{t('after_sale.kind_label')}</Text>
        <View role="radiogroup" aria-label={t('after_sale.kind_label')} className="as-block">
          {KINDS.map((k) => {
            // a return (and an exchange, which starts with one) needs the goods to have shipped
            const off = (k === 'return_refund' || k === 'exchange') && !canReturn;
            return (
              <View
                key={k}
                id={`asr-kind-${k}`}
                role="radio"
                aria-checked={kind === k}
                aria-disabled={off || undefined}
                className={`as-kind ${kind === k ? 'as-kind--on' : ''} ${off ? 'as-kind--off' : ''}`}
                onClick={() => !off && setKind(k)}
              >
                <Text className="as-kind__title">{t(`after_sale.kind.${k}`)}</Text>
                <Text className="as-muted">{off ? t('after_sale.return_needs_shipment') : t(`after_sale.kind_hint.${k}`)}</Text>
              </View>
            );
          })}
        </View>
      </View>

      <View id="asr-lines" className="card as-section">
        <Text className="as-section__title">{t('after_sale.lines_label')}</Text>
        {order.lines.map((l) => {
          const max = left.get(l.skuId) ?? 0;
          const n = units[l.skuId] ?? 0;
          return (
            <View key={l.skuId} id={`asr-line-${l.skuId}`} className="as-line">
              <View className="as-line__text">
                <Text className="as-line__title">{l.title}</Text>
                {l.specValues.length ? <Text className="as-muted">{l.specValues.join(' / ')}</Text> : null}
                <Text className="as-muted">
                  {formatMoney(l.unitPrice, lang)} ×{l.quantity} · {max > 0 ? t('after_sale.units_left', { n: max }) : t('after_sale.nothing_left')}
                </Text>
              </View>
              {max > 0 ? (
                <View className="as-stepper">
                  <Button
                    id={`asr-qty-${l.skuId}-minus`}
                    className="as-stepper__btn"
                    aria-label={t('after_sale.less', { title: l.title })}
                    disabled={n <= 0 || undefined}
                    onClick={() => step(l.skuId, n - 1)}
                  >
                    −
                  </Button>
                  <Text id={`asr-qty-${l.skuId}`} className="as-stepper__value" aria-live="polite">
                    {n}
                  </Text>
                  <Button
                    id={`asr-qty-${l.skuId}-plus`}
                    className="as-stepper__btn"
                    aria-label={t('after_sale.more', { title: l.title })}
                    disabled={n >= max || undefined}
                    onClick={() => step(l.skuId, n + 1)}
                  >
                    +
                  </Button>
                </View>
              ) : null}
            </View>
          );
        })}
      </View>

      <View className="card as-section">
        <Text className="as-section__title" id="asr-reason-label">
          {t('after_sale.reason_label')}
        </Text>
        <View className="as-chips" role="radiogroup" aria-labelledby="asr-reason-label">
          {AFTER_SALE_REASONS.map((r) => (
            <View
              key={r}
              id={`asr-reason-${r}`}
              role="radio"
              aria-checked={reason === r}
              className={`as-chip ${reason === r ? 'as-chip--on' : ''}`}
              onClick={() => {
                setReason(r);
                setFormError(null);
              }}
            >
              {t(`after_sale.reason.${r}`)}
            </View>
          ))}
        </View>
        <Text className="as-section__title">{t('after_sale.text_label')}</Text>
        <Textarea
          id="asr-text"
          className="as-textarea"
          value={text}
          maxlength={MAX_AFTER_SALE_TEXT}
          aria-label={t('after_sale.text_label')}
          placeholder={t('after_sale.text_placeholder')}
          onInput={(e) => setText(e.detail.value)}
        />
        <Text className="as-section__title">{t('after_sale.photos_label', { count: photos.photos.length })}</Text>
        <View id="asr-photos" className="as-photos">
          {photos.photos.map((p, i) => (
            <View key={p.id} id={`asr-photo-${i}`} className="as-photo" onClick={() => photos.retry(p)}>
              <Picture className="as-photo__img" src={p.file.previewUrl} mode="aspectFill" alt={t('after_sale.photo_alt', { n: i + 1 })} />
              {p.status !== 'done' ? (
                <Text id={`asr-photo-${i}-state`} className={`as-photo__state ${p.status === 'failed' ? 'as-photo__state--failed' : ''}`}>
                  {p.status === 'failed' ? t('after_sale.photo_failed') : t('after_sale.photo_uploading')}
                </Text>
              ) : null}
              <View
                id={`asr-photo-${i}-remove`}
                className="as-photo__remove"
                role="button"
                aria-label={t('after_sale.remove_photo', { n: i + 1 })}
                onClick={(e) => {
                  e.stopPropagation();
                  photos.remove(p.id);
                }}
              >
                ×
              </View>
            </View>
          ))}
          {photos.photos.length < MAX_AFTER_SALE_PHOTOS ? (
            <View
              id="asr-add-photos"
              className="as-photo as-photo--add"
              role="button"
              aria-label={t('after_sale.add_photos')}
              onClick={() => void photos.add()}
            >
              +
            </View>
          ) : null}
        </View>
        {photos.photos.length ? (
          <Text id="asr-photos-progress" className="as-muted" aria-live="polite">
            {t('after_sale.photos_progress', { done: photos.done, total: photos.photos.length })}
          </Text>
        ) : null}
      </View>

      <View id="asr-quote" className="card as-section">
        <View className="as-quote-box">
          <Text className="as-section__title">{t('after_sale.refund_amount')}</Text>
          {quote.status === 'ok' ? (
            <Text id="asr-quote-total" className="as-quote-box__amount">
              {formatMoney(quote.q.total, lang)}
            </Text>
          ) : quote.status === 'loading' ? (
            <Text id="asr-quote-loading" className="as-muted">
              {t('common.loading')}
            </Text>
          ) : null}
        </View>
        {quote.status === 'none' ? <Text className="as-muted">{t('after_sale.quote_pick')}</Text> : null}
        {quote.status === 'error' ? (
          <Text id="asr-quote-error" className="as-error">
            {quote.text}
          </Text>
        ) : null}
        {quote.status === 'ok' ? (
          <Text className="as-muted">
            {quote.q.shipping.amount > 0
              ? t('after_sale.refund_includes_shipping', { amount: formatMoney(quote.q.shipping, lang) })
              : t('after_sale.quote_note')}
          </Text>
        ) : null}
      </View>

      {formError ? (
        <Text id="asr-error" className="as-error as-pad">
          {formError}
        </Text>
      ) : null}
      <View className="as-bar">
        <Button id="asr-submit" className="btn btn--primary" loading={busy || undefined} disabled={busy || undefined} onClick={() => void submit()}>
          {t('after_sale.submit')}
        </Button>
      </View>
    </View>
  );
}
