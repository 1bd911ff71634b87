import '../../messages';
import '../../../components/after-sales/messages';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { ReturnAddress, formatMoney, type AfterSale } from '@wxshop/shared';
import { CaseHistory, CaseInfo, CaseLines, CaseReason } from '../../../components/after-sales/case-parts';
import { at, statusText } from '../../../components/after-sales/format';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { approveStoreAfterSale, confirmStoreReturn, fetchStoreAfterSale, rejectStoreAfterSale } from '../../../services/after-sales';
import { errorText, isApiError, toast } from '../../../services/request';
import { getSession } from '../../../services/session';
import { fieldLabel } from '../../../platform/ui';
import { MerchantScreen } from '../../components/screen';
import { carrierName } from '../../lib/order-view';
import { merchantUrl, useMerchant } from '../../lib/use-merchant';
import '../merchant.scss';
import '../../../components/after-sales/after-sales.scss';

const refusal = (e: unknown): string => (isApiError(e) && (e.status === 409 || e.status === 422) && e.message ? e.message : errorText(e));
/** The last return address this device used for the store (there is no store setting for it yet). */
const addressKey = (merchantId: string) => `after-sale-return-address:${merchantId}`;
type AddressDraft = { recipient: string; phone: string; region: string; detail: string };

function rememberedAddress(merchantId: string): AddressDraft {
  try {
    const saved = ReturnAddress.safeParse(Taro.getStorageSync(addressKey(merchantId)));
    if (saved.success) return saved.data;
  } catch {
    // no storage: an empty form
  }
  return { recipient: '', phone: '', region: '', detail: '' };
}

/** One after-sale case of the store: lines, the shopper's words and photos, every step; approve, reject, confirm what came back. */
export default function MerchantAfterSalePage() {
  usePageTitle('after_sale.m.detail_title');
  const { merchantId, can } = useMerchant();
  const afterSaleId = useRouter().params.afterSaleId ?? '';
  const [remote, load] = useRemote(() => fetchStoreAfterSale(merchantId, afterSaleId));
  const [changed, setChanged] = useState<AfterSale | null>(null);

  useDidShow(() => {
    if (getSession()) void load().then(() => setChanged(null));
  });

  return (
    <MerchantScreen id="page-merchant-after-sale" state={remote} onRetry={() => void load()}>
      {() =>
        remote.status === 'ok' ? (
          <CaseView c={changed ?? remote.data} writable={can('merchant:order:write')} merchantId={merchantId} onChanged={setChanged} />
        ) : null
      }
    </MerchantScreen>
  );
}

function CaseView({ c, writable, merchantId, onChanged }: { c: AfterSale; writable: boolean; merchantId: string; onChanged: (c: AfterSale) => void }) {
  const { lang, t } = useI18n();
  const [mode, setMode] = useState<'none' | 'approve' | 'reject'>('none');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const deciding = writable && c.status === 'requested';
  const receiving = writable && c.kind === 'return_refund' && (c.status === 'approved' || c.status === 'return_shipped');

  const run = async (act: () => Promise<AfterSale>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await act());
      setMode('none');
      toast(done);
    } catch (e) {
      setError(refusal(e));
    } finally {
      setBusy(false);
    }
  };

  const approveRefund = async () => {
    const answer = await Taro.showModal({
      title: t('after_sale.m.approve'),
      content: t('after_sale.m.approve_refund_confirm', { amount: formatMoney(c.total, lang) }),
      confirmText: t('after_sale.confirm'),
      cancelText: t('after_sale.dismiss'),
    });
    if (answer.confirm) await run(() => approveStoreAfterSale(merchantId, c.id), t('after_sale.m.approved_toast'));
  };

  const over = c.decideBy ? Date.parse(c.decideBy) <= Date.now() : false;
  return (
    <View className="as-page as-page--bar">
      <View id="as-header" className={`as-hero as-hero--${c.status}`}>
        <Text id="as-status" className="as-hero__status">
          {statusText(c.status, 'store')}
        </Text>
        <Text className="as-hero__next">
          {t(`after_sale.kind.${c.kind}`)} · {formatMoney(c.total, lang)}
        </Text>
        {c.status === 'requested' && c.decideBy ? (
          <Text id="as-deadline" className="as-hero__next">
            {over ? t('after_sale.m.overdue') : t('after_sale.m.answer_by', { time: at(c.decideBy) })}
          </Text>
        ) : null}
      </View>

      <CaseLines c={c} />
      <CaseReason c={c} />

      {c.returnAddress ? (
        <View id="as-return-address" className="card as-section">
          <Text className="as-section__title">{t('after_sale.return_address')}</Text>
          <Text>
            {c.returnAddress.recipient} {c.returnAddress.phone}
          </Text>
          <Text className="as-muted">
            {c.returnAddress.region} {c.returnAddress.detail}
          </Text>
        </View>
      ) : null}
      {c.returnParcel ? (
        <View id="as-return-parcel" className="card as-section">
          <Text className="as-section__title">{t('after_sale.return_parcel')}</Text>
          <Text>
            {carrierName(c.returnParcel.carrierCode, lang)} <Text className="as-mono">{c.returnParcel.trackingNumber}</Text>
          </Text>
          <Text className="as-muted">{at(c.returnParcel.shippedAt)}</Text>
        </View>
      ) : null}
      {c.rejectReason ? (
        <View id="as-reject" className="card as-section">
          <Text className="as-section__title">{t('after_sale.reject_reason')}</Text>
          <Text className="as-quote">{c.rejectReason}</Text>
        </View>
      ) : null}
      {c.escalation ? (
        <View id="as-escalation" className="card as-section">
          <Text className="as-section__title">{t('after_sale.escalation')}</Text>
          <Text className="as-quote">{c.escalation.text}</Text>
        </View>
      ) : null}

      {deciding && mode === 'approve' ? (
        <ApproveReturnForm
          merchantId={merchantId}
          busy={busy}
          onSubmit={(a) => void run(() => approveStoreAfterSale(merchantId, c.id, a), t('after_sale.m.approved_toast'))}
        />
      ) : null}
      {deciding && mode === 'reject' ? (
        <RejectForm busy={busy} onSubmit={(r) => void run(() => rejectStoreAfterSale(merchantId, c.id, r), t('after_sale.m.rejected_toast'))} />
      ) : null}
      {receiving ? (
        <ConfirmReturnForm
          c={c}
          busy={busy}
          onSubmit={(lines) => void run(() => confirmStoreReturn(merchantId, c.id, { lines }), t('after_sale.m.confirmed_toast'))}
        />
      ) : null}
      {error ? (
        <Text id="as-action-error" className="as-error as-pad">
          {error}
        </Text>
      ) : null}

      <CaseHistory c={c} side="store" />
      <CaseInfo c={c} />

      <View id="as-actions" className="as-bar">
        <Button
          id="as-open-order"
          className="btn btn--ghost btn--small"
          onClick={() => void Taro.navigateTo({ url: merchantUrl('order', merchantId, { orderId: c.orderId }) })}
        >
          {t('after_sale.open_order')}
        </Button>
        {deciding ? (
          <>
            <Button id="as-reject-open" className="btn btn--ghost btn--small" disabled={busy || undefined} onClick={() => setMode('reject')}>
              {t('after_sale.m.reject')}
            </Button>
            <Button
              id="as-approve"
              className="btn btn--primary btn--small"
              loading={(busy && mode === 'none') || undefined}
              disabled={busy || undefined}
              onClick={() => (c.kind === 'return_refund' ? setMode('approve') : void approveRefund())}
            >
              {t('after_sale.m.approve')}
            </Button>
          </>
        ) : null}
      </View>
      {!writable && (c.status === 'requested' || c.status === 'approved' || c.status === 'return_shipped') ? (
        <Text id="as-read-only" className="as-muted as-pad">
          {t('after_sale.m.read_only')}
        </Text>
      ) : null}
    </View>
  );
}

function ApproveReturnForm({ merchantId, busy, onSubmit }: { merchantId: string; busy: boolean; onSubmit: (a: ReturnAddress) => void }) {
  const { t } = useI18n();
  const [a, setA] = useState<AddressDraft>(() => rememberedAddress(merchantId));
  const [bad, setBad] = useState<Partial<Record<keyof AddressDraft, string>>>({});
  const fields: (keyof AddressDraft)[] = ['recipient', 'phone', 'region', 'detail'];
  const submit = () => {
    const parsed = ReturnAddress.safeParse(a);
    if (!parsed.success) {
      const errs: Partial<Record<keyof AddressDraft, string>> = {};
      for (const f of fields) if (!a[f].trim()) errs[f] = t('after_sale.m.err_required');
      if (a.phone.trim() && !/^\+?[0-9-]{5,20}$/.test(a.phone.trim())) errs.phone = t('after_sale.m.err_phone');
      return setBad(errs);
    }
    try {
      Taro.setStorageSync(addressKey(merchantId), parsed.data);
    } catch {
      // not remembered: the next case asks again
    }
    onSubmit(parsed.data);
  };
  return (
    <View id="as-approve-form" className="card as-section">
      <Text className="as-section__title">{t('after_sale.m.approve_return_title')}</Text>
      <Text className="as-muted">{t('after_sale.m.approve_return_hint')}</Text>
      {fields.map((f) => (
        <View key={f} className="as-block">
          <Text className="as-muted">{t(`after_sale.m.${f}`)}</Text>
          <Input
            id={`as-address-${f}`}
            className="field__input"
            {...fieldLabel(t(`after_sale.m.${f}`))}
            maxlength={f === 'detail' ? 200 : f === 'region' ? 100 : 40}
            value={a[f]}
            onInput={(e) => {
              const v = e.detail.value;
              setA((x) => ({ ...x, [f]: v }));
              setBad((b) => ({ ...b, [f]: undefined }));
            }}
          />
          {bad[f] ? <Text className="as-error">{bad[f]}</Text> : null}
        </View>
      ))}
      <Button id="as-approve-submit" className="btn btn--primary" loading={busy || undefined} disabled={busy || undefined} onClick={submit}>
        {t('after_sale.m.approve_return')}
      </Button>
    </View>
  );
}

function RejectForm({ busy, onSubmit }: { busy: boolean; onSubmit: (reason: string) => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [bad, setBad] = useState(false);
  return (
    <View id="as-reject-form" className="card as-section">
      <Text className="as-section__title">{t('after_sale.m.reject_label')}</Text>
      <Textarea
        id="as-reject-text"
        className="as-textarea"
        value={reason}
        maxlength={200}
        aria-label={t('after_sale.m.reject_label')}
        placeholder={t('after_sale.m.reject_placeholder')}
        onInput={(e) => {
          setReason(e.detail.value);
          setBad(false);
        }}
      />
      {bad ? <Text className="as-error">{t('after_sale.m.reject_required')}</Text> : null}
      <Button
        id="as-reject-submit"
        className="btn btn--danger"
        loading={busy || undefined}
        disabled={busy || undefined}
        onClick={() => (reason.trim() ? onSubmit(reason.trim()) : setBad(true))}
      >
        {t('after_sale.m.send_reject')}
      </Button>
    </View>
  );
}

function ConfirmReturnForm({ c, busy, onSubmit }: { c: AfterSale; busy: boolean; onSubmit: (lines: { skuId: string; quantity: number }[]) => void }) {
  const { t } = useI18n();
  const [got, setGot] = useState<Record<string, number>>(() => Object.fromEntries(c.lines.map((l) => [l.skuId, l.quantity])));
  const [bad, setBad] = useState(false);
  const set = (skuId: string, n: number, max: number) => {
    setGot((g) => ({ ...g, [skuId]: Math.max(0, Math.min(max, n)) }));
    setBad(false);
  };
  const submit = () => {
    const lines = c.lines.map((l) => ({ skuId: l.skuId, quantity: got[l.skuId] ?? 0 }));
    if (!lines.some((l) => l.quantity > 0)) return setBad(true);
    onSubmit(lines);
  };
  return (
    <View id="as-confirm-form" className="card as-section">
      <Text className="as-section__title">{t('after_sale.m.confirm_title')}</Text>
      <Text className="as-muted">{t('after_sale.m.confirm_hint')}</Text>
      {c.lines.map((l) => {
        const n = got[l.skuId] ?? 0;
        return (
          <View key={l.skuId} className="as-line">
            <View className="as-line__text">
              <Text className="as-line__title">{l.title}</Text>
              <Text className="as-muted">{t('after_sale.m.arrived', { received: n, asked: l.quantity })}</Text>
            </View>
            <View className="as-stepper">
              <Button
                id={`as-got-${l.skuId}-minus`}
                className="as-stepper__btn"
                aria-label={t('after_sale.less', { title: l.title })}
                disabled={n <= 0 || undefined}
                onClick={() => set(l.skuId, n - 1, l.quantity)}
              >
                −
              </Button>
              <Text id={`as-got-${l.skuId}`} className="as-stepper__value" aria-live="polite">
                {n}
              </Text>
              <Button
                id={`as-got-${l.skuId}-plus`}
                className="as-stepper__btn"
                aria-label={t('after_sale.more', { title: l.title })}
                disabled={n >= l.quantity || undefined}
                onClick={() => set(l.skuId, n + 1, l.quantity)}
              >
                +
              </Button>
            </View>
          </View>
        );
      })}
      {bad ? <Text className="as-error">{t('after_sale.m.err_nothing_arrived')}</Text> : null}
      <Button id="as-confirm-submit" className="btn btn--primary" loading={busy || undefined} disabled={busy || undefined} onClick={submit}>
        {t('after_sale.m.confirm_return')}
      </Button>
    </View>
  );
}
