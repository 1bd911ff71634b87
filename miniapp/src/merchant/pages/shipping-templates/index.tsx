import '../../messages';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { formatMoney, MAX_SHIPPING_TEMPLATES, type Currency, type FeeRule, type ShippingTemplate } from '@wxshop/shared';
import { EmptyState } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { fetchStore } from '../../../services/merchant';
import { fetchShippingTemplates, removeShippingTemplate } from '../../../services/merchant-orders';
import { toast, toastError } from '../../../services/request';
import { getSession } from '../../../services/session';
import { MerchantScreen } from '../../components/screen';
import { regionName } from '../../lib/provinces';
import { unitsLabel } from '../../lib/template-form';
import { merchantUrl, useMerchant } from '../../lib/use-merchant';
import '../merchant.scss';
import '../fulfilment.scss';

/** The store's shipping fee templates: what each charges, the default, edit and delete (with confirmation). */
export default function ShippingTemplatesPage() {
  const { t } = useI18n();
  usePageTitle('merchant.tpl.title');
  const { merchantId, can } = useMerchant();
  const [data, load] = useRemote(async () => {
    const [items, store] = await Promise.all([fetchShippingTemplates(merchantId), fetchStore(merchantId)]);
    return { items, currency: store.currency };
  });
  const [deleting, setDeleting] = useState<string | null>(null);

  useDidShow(() => {
    if (getSession()) void load();
  });

  const go = (templateId?: string) => void Taro.navigateTo({ url: merchantUrl('shipping-template-edit', merchantId, templateId ? { templateId } : {}) });
  const remove = async (tpl: ShippingTemplate) => {
    const answer = await Taro.showModal({
      title: t('merchant.tpl.confirm_delete', { name: tpl.name }),
      content: t('merchant.tpl.delete_help'),
      confirmText: t('merchant.common.confirm'),
      cancelText: t('merchant.common.cancel'),
    });
    if (!answer.confirm) return;
    setDeleting(tpl.id);
    try {
      await removeShippingTemplate(merchantId, tpl.id);
      toast(t('merchant.tpl.deleted'));
      await load();
    } catch (e) {
      toastError(e);
    } finally {
      setDeleting(null);
    }
  };
  const writable = can('merchant:product:write');

  return (
    <MerchantScreen id="page-shipping-templates" state={data} onRetry={() => void load()}>
      {() => {
        if (data.status !== 'ok') return null;
        const { items, currency } = data.data;
        return (
          <View>
            {writable && items.length < MAX_SHIPPING_TEMPLATES ? (
              <View className="m-toolbar">
                <Button id="tpl-new" className="btn btn--primary btn--small" onClick={() => go()}>
                  {t('merchant.tpl.new')}
                </Button>
              </View>
            ) : null}
            {items.length === 0 ? (
              <EmptyState id="tpl-empty" icon="cart" title={t('merchant.tpl.empty')} body={t('merchant.tpl.empty_body')} />
            ) : (
              <View id="tpl-list">
                {items.map((tpl) => (
                  <TemplateCard
                    key={tpl.id}
                    tpl={tpl}
                    currency={currency}
                    writable={writable}
                    busy={deleting === tpl.id}
                    onEdit={() => go(tpl.id)}
                    onDelete={() => void remove(tpl)}
                  />
                ))}
              </View>
            )}
          </View>
        );
      }}
    </MerchantScreen>
  );
}

function TemplateCard(props: { tpl: ShippingTemplate; currency: Currency; writable: boolean; busy: boolean; onEdit: () => void; onDelete: () => void }) {
  const { lang, t } = useI18n();
  const { tpl, currency } = props;
  const rule = (r: FeeRule) =>
    t(`merchant.tpl.rule.${tpl.basis}`, {
      first: unitsLabel(r.first, tpl.basis),
      firstFee: formatMoney({ amount: r.firstFee, currency }, lang),
      additional: unitsLabel(r.additional, tpl.basis),
      additionalFee: formatMoney({ amount: r.additionalFee, currency }, lang),
    });
  return (
    <View id={`tpl-${tpl.id}`} className="card m-section">
      <View className="m-section__head">
        <Text className="m-section__title">{tpl.name}</Text>
        {tpl.isDefault ? (
          <Text id={`tpl-default-${tpl.id}`} className="m-badge m-badge--approved">
            {t('merchant.tpl.default_badge')}
          </Text>
        ) : null}
      </View>
      <Text className="m-muted">{t(`merchant.tpl.basis.${tpl.basis}`)}</Text>
      <Text id={`tpl-rule-${tpl.id}`} className="f-block">
        {t('merchant.tpl.everywhere')}: {rule(tpl.defaultRule)}
      </Text>
      {tpl.regionRules.map((r, i) => (
        <Text key={i} className="f-block m-muted">
          {r.regionCodes.map(regionName).join('、')}: {rule(r)}
        </Text>
      ))}
      {tpl.freeAbove !== null ? (
        <Text className="f-block">{t('merchant.tpl.free_above_line', { amount: formatMoney({ amount: tpl.freeAbove, currency }, lang) })}</Text>
      ) : null}
      {tpl.excludedRegions.length ? (
        <Text className="f-block f-warn">{t('merchant.tpl.excluded_line', { regions: tpl.excludedRegions.map(regionName).join('、') })}</Text>
      ) : null}
      {props.writable ? (
        <View className="m-actions">
          <Text id={`tpl-edit-${tpl.id}`} className="m-action" onClick={props.onEdit}>
            {t('merchant.products.edit')}
          </Text>
          <Text
            id={`tpl-delete-${tpl.id}`}
            className={`m-action m-action--danger ${props.busy ? 'm-action--busy' : ''}`}
            onClick={() => !props.busy && props.onDelete()}
          >
            {t('merchant.tpl.delete')}
          </Text>
        </View>
      ) : null}
    </View>
  );
}
