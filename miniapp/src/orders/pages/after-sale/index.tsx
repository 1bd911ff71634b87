import '../../messages';
import '../../../components/after-sales/messages';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { CARRIERS, MAX_AFTER_SALE_TEXT, formatMoney, type AfterSale } from '@wxshop/shared';
import { CaseHistory, CaseInfo, CaseLines, CaseReason } from '../../../components/after-sales/case-parts';
import { at, shopperActions, statusText } from '../../../components/after-sales/format';
import { EmptyState, ErrorState, Loading, SignInRequired } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { cancelAfterSale, escalate, fetchMyAfterSale, sendReturn } from '../../../services/after-sales';
import { errorCode, errorText, isApiError, toast, toastError } from '../../../services/request';
import { getSession, useSession } from '../../../services/session';
import { fieldLabel } from '../../../platform/ui';
import { carrierName } from '../../lib/format';
import { orderUrls } from '../../lib/urls';
import '../../../components/after-sales/after-sales.scss';

const TRACKING = /^[A-Za-z0-9-]{6,40}$/;
const refusal = (e: unknown): string => (isApiError(e) && (e.status === 409 || e.status === 422) && e.message ? e.message : errorText(e));

/** What happens next, by status, with the deadline where there is one. */
function nextStep(c: AfterSale, t: ReturnType<typeof useI18n>['t'], lang: string): string {
  switch (c.status) {
    case 'requested':
      return c.decideBy ? t('after_sale.next.requested', { time: at(c.decideBy) }) : t('after_sale.next.requested_plain');
    case 'approved':
      return c.returnAddress ? t('after_sale.next.approved') : t('after_sale.next.approved_no_address');
    case 'refunded':
      return t('after_sale.next.refunded', { amount: formatMoney(c.refund?.amount ?? c.total, lang), time: at(c.refund?.succeededAt ?? c.updatedAt) });
    case 'return_shipped':
    case 'refunding':
    case 'rejected':
    case 'escalated':
    case 'cancelled':
    case 'refund_failed':
      return t(`after_sale.next.${c.status}`);
    default:
      return '';
  }
}

/** One after-sale case of the shopper: its state and deadline, every step, the return address and the return form, cancel, escalate. */
export default function AfterSaleDetailPage() {
  const { t } = useI18n();
  usePageTitle('after_sale.detail_title');
  const session = useSession();
  const afterSaleId = useRouter().params.afterSaleId ?? '';
  const [remote, load] = useRemote(() => fetchMyAfterSale(afterSaleId));
  const [changed, setChanged] = useState<AfterSale | null>(null);
  const reload = async () => {
    await load();
    setChanged(null);
  };
  useDidShow(() => {
    if (getSession() && afterSaleId) void reload();
  });
  usePullDownRefresh(() => void (getSession() && afterSaleId ? reload() : Promise.resolve()).finally(() => void Taro.stopPullDownRefresh()));

  const c = changed ?? ('data' in remote ? remote.data : undefined);
  let body;
  if (!session) body = <SignInRequired id="as-signin" />;
  else if (!afterSaleId) body = <EmptyState id="as-missing" icon="cart" title={t('common.error_title')} body={t('after_sale.missing')} />;
  else if (remote.status === 'error' && !c)
    body =
      errorCode(remote.error) === 'not_found' ? (
        <EmptyState id="as-missing" icon="cart" title={t('common.error_title')} body={t('after_sale.missing')} />
      ) : (
        <ErrorState id="as-error" error={remote.error} onRetry={() => void reload()} />
      );
  else if (!c) body = <Loading id="as-loading" />;
  else body = <CaseView c={c} onChanged={setChanged} />;
  return (
    <View id="page-after-sale" className={`page as-page ${c ? 'as-page--bar' : ''}`}>
      {body}
    </View>
  );
}

function CaseView({ c, onChanged }: { c: AfterSale; onChanged: (c: AfterSale) => void }) {
  const { lang, t } = useI18n();
  const can = shopperActions(c);
  const [busy, setBusy] = useState<'cancel' | 'return' | 'escalate' | null>(null);

  const copy = async () => {
    if (!c.returnAddress) return;
    const a = c.returnAddress;
    try {
      await Taro.setClipboardData({ data: `${a.recipient} ${a.phone} ${a.region} ${a.detail}` });
      toast(t('after_sale.copied'));
    } catch {
      // the clipboard is not there (some browsers): nothing to do
    }
  };

  const cancel = async () => {
    const answer = await Taro.showModal({
      title: t('after_sale.cancel'),
      content: t('after_sale.cancel_confirm'),
      confirmText: t('after_sale.confirm'),
      cancelText: t('after_sale.dismiss'),
    });
    if (!answer.confirm) return;
    setBusy('cancel');
    try {
      onChanged(await cancelAfterSale(c.id));
      toast(t('after_sale.cancelled_toast'));
    } catch (e) {
      toast(refusal(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <View>
      <View id="as-header" className={`as-hero as-hero--${c.status}`}>
        <Text id="as-status" className="as-hero__status">
          {statusText(c.status)}
        </Text>
        <Text id="as-next" className="as-hero__next">
          {nextStep(c, t, lang)}
        </Text>
      </View>

      {c.returnAddress ? (
        <View id="as-return-address" className="card as-section">
          <View className="as-section__head">
            <Text className="as-section__title">{t('after_sale.return_address')}</Text>
            <Text id="as-copy-address" className="as-link" onClick={() => void copy()}>
              {t('after_sale.copy_address')}
            </Text>
          </View>
          <Text id="as-return-recipient">
            {c.returnAddress.recipient} {c.returnAddress.phone}
          </Text>
          <Text className="as-muted">
            {c.returnAddress.region} {c.returnAddress.detail}
          </Text>
        </View>
      ) : null}

      {can.sendReturn ? <SendReturnForm c={c} busy={busy === 'return'} setBusy={(b) => setBusy(b ? 'return' : null)} onChanged={onChanged} /> : null}

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
          <Text id="as-reject-reason" className="as-quote">
            {c.rejectReason}
          </Text>
        </View>
      ) : null}

      {can.escalate ? <EscalateForm c={c} busy={busy === 'escalate'} setBusy={(b) => setBusy(b ? 'escalate' : null)} onChanged={onChanged} /> : null}

      {c.escalation ? (
        <View id="as-escalation" className="card as-section">
          <Text className="as-section__title">{t('after_sale.escalation')}</Text>
          <Text className="as-quote">{c.escalation.text}</Text>
          <Text className="as-muted">{at(c.escalation.at)}</Text>
        </View>
      ) : null}

      <CaseLines c={c} />
      <CaseReason c={c} />
      <CaseHistory c={c} />
      <CaseInfo c={c} />

      <View id="as-actions" className="as-bar">
        <Button id="as-open-order" className="btn btn--ghost btn--small" onClick={() => void Taro.navigateTo({ url: orderUrls.detail(c.orderId) })}>
          {t('after_sale.open_order')}
        </Button>
        {can.cancel ? (
          <Button
            id="as-cancel"
            className="btn btn--ghost btn--small"
            loading={busy === 'cancel' || undefined}
            disabled={busy !== null || undefined}
            onClick={() => void cancel()}
          >
            {t('after_sale.cancel')}
          </Button>
        ) : null}
      </View>
    </View>
  );
}

function SendReturnForm({ c, busy, setBusy, onChanged }: { c: AfterSale; busy: boolean; setBusy: (b: boolean) => void; onChanged: (c: AfterSale) => void }) {
  const { lang, t } = useI18n();
  const [carrier, setCarrier] = useState('');
  const [tracking, setTracking] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const tn = tracking.trim();
    if (!carrier) return setError(t('after_sale.err_carrier'));
    if (!TRACKING.test(tn)) return setError(t('after_sale.err_tracking'));
    setBusy(true);
    setError(null);
    try {
      onChanged(await sendReturn(c.id, { carrierCode: carrier as (typeof CARRIERS)[number]['code'], trackingNumber: tn }));
      toast(t('after_sale.return_sent_toast'));
    } catch (e) {
      setError(refusal(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View id="as-send-return" className="card as-section">
      <Text className="as-section__title">{t('after_sale.send_return_title')}</Text>
      <Text className="as-muted" id="as-carrier-label">
        {t('after_sale.carrier')}
      </Text>
      <View className="as-chips" role="radiogroup" aria-labelledby="as-carrier-label">
        {CARRIERS.map((x) => (
          <View
            key={x.code}
            id={`as-carrier-${x.code}`}
            role="radio"
            aria-checked={carrier === x.code}
            className={`as-chip ${carrier === x.code ? 'as-chip--on' : ''}`}
            onClick={() => {
              setCarrier(x.code);
              setError(null);
            }}
          >
            {carrierName(x.code, lang)}
          </View>
        ))}
      </View>
      <Text className="as-muted">{t('after_sale.tracking')}</Text>
      <Input
        id="as-tracking"
        className="field__input"
        {...fieldLabel(t('after_sale.tracking'))}
        maxlength={40}
        placeholder="SF1234567890"
        value={tracking}
        onInput={(e) => {
          setTracking(e.detail.value);
          setError(null);
        }}
      />
      {error ? (
        <Text id="as-send-return-error" className="as-error">
          {error}
        </Text>
      ) : null}
      <Button id="as-send-return-submit" className="btn btn--primary" loading={busy || undefined} disabled={busy || undefined} onClick={() => void submit()}>
        {t('after_sale.send_return')}
      </Button>
    </View>
  );
}

function EscalateForm({ c, busy, setBusy, onChanged }: { c: AfterSale; busy: boolean; setBusy: (b: boolean) => void; onChanged: (c: AfterSale) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const submit = async () => {
    if (!text.trim()) return toast(t('after_sale.escalate_required'));
    setBusy(true);
    try {
      onChanged(await escalate(c.id, text.trim()));
      toast(t('after_sale.escalated_toast'));
    } catch (e) {
      toastError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View id="as-escalate" className="card as-section">
      <Text className="as-section__title">{t('after_sale.escalate_label')}</Text>
      <Textarea
        id="as-escalate-text"
        className="as-textarea"
        value={text}
        maxlength={MAX_AFTER_SALE_TEXT}
        aria-label={t('after_sale.escalate_label')}
        placeholder={t('after_sale.escalate_placeholder')}
        onInput={(e) => setText(e.detail.value)}
      />
      <Button id="as-escalate-submit" className="btn btn--primary" loading={busy || undefined} disabled={busy || undefined} onClick={() => void submit()}>
        {t('after_sale.escalate')}
      </Button>
    </View>
  );
}
