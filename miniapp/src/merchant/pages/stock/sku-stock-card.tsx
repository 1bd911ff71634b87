import { Button, Input, Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import type { MerchantSku, StockPosting } from '@wxshop/shared';
import { useI18n } from '../../../i18n';
import { errorText, toast } from '../../../services/request';
import { adjustStock } from '../../../services/stock';
import { newIdempotencyKey } from '../../lib/keys';
import { parseSignedCount } from '../../lib/money-input';
import { PostingList } from './posting-list';

interface Props {
  merchantId: string;
  productId: string;
  sku: MerchantSku;
  label: string;
  stock: number;
  writable: boolean;
  onAdjusted: (p: StockPosting) => void;
}

/** One SKU: stock, threshold, the adjust form (signed delta + note) and its postings. */
export function SkuStockCard({ merchantId, productId, sku, label, stock, writable, onAdjusted }: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState<'adjust' | 'postings' | null>(null);
  const [delta, setDelta] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [latest, setLatest] = useState<StockPosting[]>([]);
  const key = useRef(newIdempotencyKey('stock'));
  const low = stock < sku.lowStockThreshold;

  const submit = async () => {
    const d = parseSignedCount(delta);
    if (d === null || d === 0) return setError(t('merchant.stock.delta_invalid'));
    if (stock + d < 0) return setError(t('merchant.stock.below_zero', { stock }));
    if (note.trim().length > 200) return setError(t('merchant.err.too_long'));
    setError(null);
    setBusy(true);
    try {
      const posting = await adjustStock(merchantId, productId, sku.id, d, note, key.current);
      key.current = newIdempotencyKey('stock');
      onAdjusted(posting);
      setLatest((l) => [posting, ...l]);
      setDelta('');
      setNote('');
      toast(t('merchant.stock.adjusted', { balance: posting.balance }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View id={`stock-sku-${sku.id}`} className={`card m-section ${sku.removed ? 'm-sku--off' : ''}`}>
      <View className="m-section__head">
        <View className="m-col">
          <Text className="m-block__title">{label}</Text>
          <Text className="m-muted">
            {sku.code}
            {sku.removed ? ` · ${t('merchant.stock.removed')}` : !sku.enabled ? ` · ${t('merchant.stock.disabled')}` : ''}
          </Text>
        </View>
        <View className="m-col m-col--end">
          <Text id={`stock-value-${sku.id}`} className={`m-stock ${low ? 'm-stock--low' : ''}`}>
            {stock}
          </Text>
          <Text className="m-muted">
            {sku.lowStockThreshold > 0 ? t('merchant.stock.threshold', { n: sku.lowStockThreshold }) : t('merchant.stock.no_alert')}
          </Text>
        </View>
      </View>
      {low ? (
        <Text id={`stock-low-${sku.id}`} className="m-badge m-badge--warn">
          {t('merchant.stock.low')}
        </Text>
      ) : null}
      <View className="m-actions">
        {writable ? (
          <Text id={`stock-adjust-${sku.id}`} className="m-action m-action--primary" onClick={() => setOpen(open === 'adjust' ? null : 'adjust')}>
            {t('merchant.stock.adjust')}
          </Text>
        ) : null}
        <Text id={`stock-postings-${sku.id}`} className="m-action" onClick={() => setOpen(open === 'postings' ? null : 'postings')}>
          {t('merchant.stock.postings')}
        </Text>
      </View>
      {open === 'adjust' ? (
        <View id={`stock-form-${sku.id}`} className="m-adjust">
          <Text className="m-help">{t('merchant.stock.delta_help')}</Text>
          <View className="m-attr">
            <Text id={`stock-minus-${sku.id}`} className="m-step" onClick={() => setDelta(String((parseSignedCount(delta) ?? 0) - 1))}>
              −
            </Text>
            <Input
              id="stock-delta"
              className="field__input m-attr__value"
              type="text"
              maxlength={9}
              placeholder="+10 / -2"
              value={delta}
              onInput={(e) => setDelta(e.detail.value)}
            />
            <Text id={`stock-plus-${sku.id}`} className="m-step" onClick={() => setDelta(`+${(parseSignedCount(delta) ?? 0) + 1}`.replace('+-', '-'))}>
              +
            </Text>
          </View>
          <Input
            id="stock-note"
            className="field__input m-gap-b"
            maxlength={200}
            placeholder={t('merchant.stock.note_hint')}
            value={note}
            onInput={(e) => setNote(e.detail.value)}
          />
          {error ? (
            <Text id="stock-error" className="form-error">
              {error}
            </Text>
          ) : null}
          <Button id="stock-submit" className="btn btn--primary" loading={busy || undefined} disabled={busy || undefined} onClick={() => void submit()}>
            {t('merchant.stock.apply')}
          </Button>
        </View>
      ) : null}
      {open === 'postings' ? <PostingList merchantId={merchantId} productId={productId} skuId={sku.id} fresh={latest} /> : null}
    </View>
  );
}
