import '../../messages';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { CARRIERS, type Order } from '@wxshop/shared';
import { EmptyState } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { fieldLabel } from '../../../platform/ui';
import { shipMerchantOrder } from '../../../services/merchant-orders';
import { fetchMerchantOrder } from '../../../services/merchant-orders';
import { errorText, isApiError, toast } from '../../../services/request';
import { getSession } from '../../../services/session';
import { MerchantScreen } from '../../components/screen';
import { canShip, carrierName } from '../../lib/order-view';
import { assigned, buildShipInput, MAX_PARCELS, newParcel, remainingToShip, setQuantity, type ParcelDraft, type ShipErrors } from '../../lib/ship-form';
import { merchantUrl, useMerchant } from '../../lib/use-merchant';
import '../merchant.scss';
import '../fulfilment.scss';

/** The API's 422 (nothing left of a SKU, a SKU not in the order) says exactly what is wrong: show its message; anything else in the user's language. */
const shipErrorText = (e: unknown): string => (isApiError(e) && e.status === 422 && e.message ? e.message : errorText(e));

/** Ship an order: one or several parcels (carrier, tracking number, which lines and how many; by default everything left), or virtual goods delivered. */
export default function MerchantShipPage() {
  const { t } = useI18n();
  usePageTitle('merchant.ship.title');
  const { merchantId, can } = useMerchant();
  const orderId = useRouter().params.orderId ?? '';
  const [order, load] = useRemote(() => fetchMerchantOrder(merchantId, orderId));

  useDidShow(() => {
    if (getSession() && order.status !== 'ok') void load();
  });

  return (
    <MerchantScreen id="page-merchant-ship" state={order} onRetry={() => void load()}>
      {() =>
        order.status !== 'ok' ? null : !can('merchant:order:write') ? (
          <EmptyState id="ship-read-only" icon="lock" title={t('merchant.no_access_title')} body={t('merchant.common.read_only')} />
        ) : !canShip(order.data) ? (
          <EmptyState id="ship-nothing" icon="cart" title={t('merchant.ship.nothing')} body={t(`merchant.orders.status.${order.data.status}`)} />
        ) : (
          <ShipForm order={order.data} merchantId={merchantId} />
        )
      }
    </MerchantScreen>
  );
}

function ShipForm({ order, merchantId }: { order: Order; merchantId: string }) {
  const { lang, t } = useI18n();
  const remaining = remainingToShip(order);
  const openLines = order.lines.filter((l) => (remaining.get(l.skuId) ?? 0) > 0);
  const [parcels, setParcels] = useState<ParcelDraft[]>(() => [newParcel(remaining)]);
  const [errors, setErrors] = useState<ShipErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'ship' | 'virtual' | null>(null);
  const total = assigned(parcels);

  useEffect(() => setFormError(null), [parcels]);

  const edit = (i: number, p: Partial<ParcelDraft>, clear: string) => {
    setParcels((ps) => ps.map((x, j) => (j === i ? { ...x, ...p } : x)));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== clear)) as ShipErrors);
  };
  const qty = (i: number, skuId: string, n: number) => {
    setParcels((ps) => setQuantity(ps, i, skuId, n, remaining));
    setErrors({});
  };
  const done = (next: Order) => {
    toast(t(next.status === 'partly_shipped' ? 'merchant.ship.done_part' : 'merchant.ship.done'));
    // Back to the order page it came from (which reloads when shown); opened directly, the order page replaces this one.
    const pages = Taro.getCurrentPages();
    if (pages.length > 1 && pages[pages.length - 2]?.route?.includes('merchant/pages/order/')) void Taro.navigateBack();
    else void Taro.redirectTo({ url: merchantUrl('order', merchantId, { orderId: next.id }) });
  };

  const submit = async () => {
    const built = buildShipInput(parcels, remaining);
    if ('errors' in built) {
      setErrors(built.errors);
      setFormError(t('merchant.err.check_fields'));
      return;
    }
    setBusy('ship');
    try {
      done(await shipMerchantOrder(merchantId, order.id, built.input));
    } catch (e) {
      setFormError(shipErrorText(e));
    } finally {
      setBusy(null);
    }
  };

  const markVirtual = async () => {
    const answer = await Taro.showModal({
      title: t('merchant.ship.virtual_confirm'),
      content: t('merchant.ship.virtual_help'),
      confirmText: t('merchant.common.confirm'),
      cancelText: t('merchant.common.cancel'),
    });
    if (!answer.confirm) return;
    setBusy('virtual');
    try {
      done(await shipMerchantOrder(merchantId, order.id, { virtual: true }));
    } catch (e) {
      setFormError(shipErrorText(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <View className="m-editor">
      <View className="card m-section">
        <Text className="m-section__title">{t('merchant.ship.left')}</Text>
        {openLines.map((l) => {
          const left = remaining.get(l.skuId) ?? 0;
          const packed = total.get(l.skuId) ?? 0;
          return (
            <View key={l.skuId} id={`ship-left-${l.skuId}`} className="f-line">
              <View className="f-line__main">
                <Text className="f-line__title">{l.title}</Text>
                {l.specValues.length ? <Text className="m-muted">{l.specValues.join(' / ')}</Text> : null}
              </View>
              <View className="f-line__side">
                <Text className={packed === left ? 'f-ok' : packed > left ? 'f-warn' : 'm-muted'}>{t('merchant.ship.packed', { packed, left })}</Text>
                {errors[`lines.${l.skuId}`] ? <Text className="m-field-error">{t(errors[`lines.${l.skuId}`]!)}</Text> : null}
              </View>
            </View>
          );
        })}
        {order.parcels.length ? <Text className="m-help">{t('merchant.ship.already', { n: order.parcels.length })}</Text> : null}
      </View>

      {parcels.map((p, i) => (
        <View key={i} id={`ship-parcel-${i}`} className="card m-section">
          <View className="m-section__head">
            <Text className="m-section__title">{t('merchant.ship.parcel', { n: i + 1 })}</Text>
            {parcels.length > 1 ? (
              <Text id={`ship-remove-${i}`} className="m-link m-link--danger" onClick={() => setParcels((ps) => ps.filter((_, j) => j !== i))}>
                {t('merchant.common.remove')}
              </Text>
            ) : null}
          </View>
          <Text className="field__label">{t('merchant.ship.carrier')}</Text>
          <View className="m-chips" role="radiogroup" aria-label={t('merchant.ship.carrier')}>
            {CARRIERS.map((c) => (
              <View
                key={c.code}
                id={`ship-carrier-${i}-${c.code}`}
                role="radio"
                aria-checked={p.carrierCode === c.code}
                className={`m-chip ${p.carrierCode === c.code ? 'm-chip--active' : ''}`}
                onClick={() => edit(i, { carrierCode: c.code }, `parcels.${i}.carrierCode`)}
              >
                {carrierName(c.code, lang)}
              </View>
            ))}
          </View>
          {errors[`parcels.${i}.carrierCode`] ? <Text className="m-field-error">{t(errors[`parcels.${i}.carrierCode`]!)}</Text> : null}
          <View className="field m-gap">
            <Text className="field__label">{t('merchant.ship.tracking')}</Text>
            <Input
              {...fieldLabel(t('merchant.ship.tracking'))}
              id={`ship-tracking-${i}`}
              className={`field__input ${errors[`parcels.${i}.trackingNumber`] ? 'field__input--bad' : ''}`}
              maxlength={40}
              placeholder="SF1234567890"
              value={p.trackingNumber}
              onInput={(e) => edit(i, { trackingNumber: e.detail.value }, `parcels.${i}.trackingNumber`)}
            />
            {errors[`parcels.${i}.trackingNumber`] ? <Text className="m-field-error">{t(errors[`parcels.${i}.trackingNumber`]!)}</Text> : null}
          </View>
          <Text className="field__label">{t('merchant.ship.contents')}</Text>
          {openLines.map((l) => {
            const n = p.quantities[l.skuId] ?? 0;
            const left = remaining.get(l.skuId) ?? 0;
            return (
              <View key={l.skuId} className="f-qty">
                <Text className="f-qty__title">
                  {l.title}
                  {l.specValues.length ? ` · ${l.specValues.join(' / ')}` : ''}
                </Text>
                <View className="f-stepper">
                  <Button
                    id={`ship-qty-${i}-${l.skuId}-minus`}
                    aria-label={t('merchant.ship.less', { title: l.title })}
                    className="f-stepper__btn"
                    disabled={n <= 0 || undefined}
                    onClick={() => qty(i, l.skuId, n - 1)}
                  >
                    −
                  </Button>
                  <Text id={`ship-qty-${i}-${l.skuId}`} className="f-stepper__value" aria-live="polite">
                    {n}
                  </Text>
                  <Button
                    id={`ship-qty-${i}-${l.skuId}-plus`}
                    aria-label={t('merchant.ship.more', { title: l.title })}
                    className="f-stepper__btn"
                    disabled={n >= left || undefined}
                    onClick={() => qty(i, l.skuId, n + 1)}
                  >
                    +
                  </Button>
                </View>
              </View>
            );
          })}
          {errors[`parcels.${i}.lines`] ? <Text className="m-field-error">{t(errors[`parcels.${i}.lines`]!)}</Text> : null}
        </View>
      ))}

      {parcels.length < MAX_PARCELS ? (
        <Text id="ship-add-parcel" className="m-link m-pad" onClick={() => setParcels((ps) => [...ps, newParcel(remaining, ps)])}>
          + {t('merchant.ship.add_parcel')}
        </Text>
      ) : null}
      {order.status === 'paid' ? (
        <View className="card m-section">
          <Text className="m-help">{t('merchant.ship.virtual_help')}</Text>
          <Button
            id="ship-virtual"
            className="btn btn--ghost m-gap"
            loading={busy === 'virtual' || undefined}
            disabled={busy !== null || undefined}
            onClick={() => void markVirtual()}
          >
            {t('merchant.ship.virtual')}
          </Button>
        </View>
      ) : null}
      {formError ? (
        <Text id="ship-error" className="form-error m-pad">
          {formError}
        </Text>
      ) : null}
      <View className="m-bottom-bar">
        <Button
          id="ship-submit"
          className="btn btn--primary"
          loading={busy === 'ship' || undefined}
          disabled={busy !== null || undefined}
          onClick={() => void submit()}
        >
          {t('merchant.ship.submit', { n: parcels.length })}
        </Button>
      </View>
    </View>
  );
}
