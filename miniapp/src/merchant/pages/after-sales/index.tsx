import '../../messages';
import '../../../components/after-sales/messages';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { AFTER_SALE_STATUSES, formatMoney, type AfterSale, type AfterSaleStatus } from '@wxshop/shared';
import { EmptyState, ListFooter } from '../../../components/states';
import { at, isAfterSaleStatus, shortCaseId } from '../../../components/after-sales/format';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useI18n } from '../../../i18n';
import { scrollRegion } from '../../../platform/ui';
import { fetchStoreAfterSales } from '../../../services/after-sales';
import { getSession } from '../../../services/session';
import { MerchantScreen } from '../../components/screen';
import { merchantUrl, useMerchant } from '../../lib/use-merchant';
import { usePaged } from '../../lib/use-paged';
import '../merchant.scss';
import '../../../components/after-sales/after-sales.scss';

/** The store's after-sale cases by status (to answer first: the nearest 48 h deadline first), a page at a time. */
export default function MerchantAfterSalesPage() {
  const { lang, t } = useI18n();
  usePageTitle('after_sale.m.title');
  const { merchantId } = useMerchant();
  const initial = useRouter().params.status;
  const [tab, setTab] = useState<AfterSaleStatus>(isAfterSaleStatus(initial) ? initial : 'requested');
  const list = usePaged<AfterSale>((cursor) => fetchStoreAfterSales(merchantId, tab, cursor));

  useDidShow(() => {
    if (getSession()) void list.reload();
  });
  const shown = useRef(tab);
  const { reload } = list;
  useEffect(() => {
    if (shown.current === tab) return;
    shown.current = tab;
    void reload();
  }, [tab, reload]);

  const state = list.state;
  const now = Date.now();
  return (
    <MerchantScreen id="page-merchant-after-sales" state={state.status === 'error' ? state : { status: 'ok' }} onRetry={() => void list.reload()}>
      {() => (
        <View>
          <View className="m-tabs" {...scrollRegion(t('after_sale.m.tabs_label'))}>
            {AFTER_SALE_STATUSES.map((s) => (
              <View key={s} id={`as-tab-${s}`} className={`m-tabs__item ${s === tab ? 'm-tabs__item--active' : ''}`} onClick={() => setTab(s)}>
                {t(`after_sale.m.tab.${s}`)}
              </View>
            ))}
          </View>
          {state.status !== 'ok' ? (
            <View id="as-queue-loading" className="m-empty-line">
              {t('common.loading')}
            </View>
          ) : state.items.length === 0 ? (
            <EmptyState id="as-queue-empty" icon="cart" title={t('after_sale.m.empty')} body={t('after_sale.m.empty_body')} />
          ) : (
            <View id="as-queue">
              {state.items.map((c) => {
                const over = c.decideBy ? Date.parse(c.decideBy) <= now : false;
                return (
                  <View
                    key={c.id}
                    id={`as-case-${c.id}`}
                    className="card as-card"
                    onClick={() => void Taro.navigateTo({ url: merchantUrl('after-sale', merchantId, { afterSaleId: c.id }) })}
                  >
                    <View className="as-card__head">
                      <Text className="as-section__title">
                        {t('after_sale.m.no')} …{shortCaseId(c.id)}
                      </Text>
                      <Text className="as-status">{t(`after_sale.kind.${c.kind}`)}</Text>
                    </View>
                    <Text className="as-card__title">{c.lines.map((l) => `${l.title} ×${l.quantity}`).join(lang.startsWith('zh') ? '，' : ', ')}</Text>
                    <Text className="as-muted">
                      {t(`after_sale.reason.${c.reason}`)} · {t('after_sale.m.of_order', { id: shortCaseId(c.orderId) })}
                    </Text>
                    <View className="as-card__foot">
                      {c.status === 'requested' && c.decideBy ? (
                        <Text id={`as-deadline-${c.id}`} className={`as-deadline ${over ? 'as-deadline--over' : ''}`}>
                          {over ? t('after_sale.m.overdue') : t('after_sale.m.answer_by', { time: at(c.decideBy) })}
                        </Text>
                      ) : (
                        <Text className="as-muted">{at(c.updatedAt)}</Text>
                      )}
                      <Text id={`as-case-total-${c.id}`} className="as-card__total">
                        {formatMoney(c.total, lang)}
                      </Text>
                    </View>
                  </View>
                );
              })}
              <ListFooter id="as-queue-more" hasMore={Boolean(state.nextCursor)} loading={state.loadingMore} onMore={() => void list.more()} />
            </View>
          )}
        </View>
      )}
    </MerchantScreen>
  );
}
