import '../../messages';
import '../../../components/reviews/messages';
import '../../../components/after-sales/messages';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { MERCHANT_ROLE_PERMISSIONS, type MerchantPermission } from '@wxshop/shared';
import { EmptyState, ErrorState, Loading, SignInRequired } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { fetchDashboard, fetchInbox } from '../../../services/merchant';
import { countOrdersToShip } from '../../../services/merchant-orders';
import { fetchStoreAfterSales } from '../../../services/after-sales';
import { errorCode } from '../../../services/request';
import { getSession, useSession } from '../../../services/session';
import { merchantUrl } from '../../lib/use-merchant';
import '../merchant.scss';

interface Tile {
  id: string;
  page: string;
  icon: string;
  label:
    | 'merchant.nav.products'
    | 'merchant.nav.new_product'
    | 'merchant.nav.import'
    | 'merchant.nav.store'
    | 'merchant.nav.staff'
    | 'merchant.nav.inbox'
    | 'merchant.nav.orders'
    | 'merchant.nav.shipping_templates'
    | 'merchant.nav.wechatpay'
    | 'reviews.merchant_title'
    | 'after_sale.m.dashboard'
    | 'merchant.nav.money';
  needs: MerchantPermission;
}

const TILES: Tile[] = [
  { id: 'dash-orders', page: 'orders', icon: '☰', label: 'merchant.nav.orders', needs: 'merchant:order:read' },
  { id: 'dash-after-sales', page: 'after-sales', icon: '↺', label: 'after_sale.m.dashboard', needs: 'merchant:order:read' },
  { id: 'dash-products', page: 'products', icon: '▦', label: 'merchant.nav.products', needs: 'merchant:product:read' },
  { id: 'dash-new-product', page: 'product-edit', icon: '+', label: 'merchant.nav.new_product', needs: 'merchant:product:write' },
  { id: 'dash-import', page: 'import', icon: '⇪', label: 'merchant.nav.import', needs: 'merchant:product:write' },
  { id: 'dash-store', page: 'store', icon: '⌂', label: 'merchant.nav.store', needs: 'merchant:profile:read' },
  { id: 'dash-staff', page: 'staff', icon: '☺', label: 'merchant.nav.staff', needs: 'merchant:staff:read' },
  { id: 'dash-inbox', page: 'inbox', icon: '✉', label: 'merchant.nav.inbox', needs: 'merchant:profile:read' },
  { id: 'dash-reviews', page: 'reviews', icon: '★', label: 'reviews.merchant_title', needs: 'merchant:customer:read' },
  { id: 'dash-shipping-templates', page: 'shipping-templates', icon: '⇆', label: 'merchant.nav.shipping_templates', needs: 'merchant:product:read' },
  { id: 'dash-wechatpay', page: 'wechatpay-account', icon: '¥', label: 'merchant.nav.wechatpay', needs: 'merchant:finance:read' },
  { id: 'dash-money', page: 'money', icon: '⚖', label: 'merchant.nav.money', needs: 'merchant:finance:read' },
];

/** A shop's home (GET /merchants/{merchantId}/dashboard): status, figures, the inbox count and links to every merchant page. */
export default function MerchantDashboardPage() {
  const { t } = useI18n();
  usePageTitle('merchant.dashboard_title');
  const merchantId = useRouter().params.merchantId ?? '';
  const session = useSession();
  const [dashboard, load] = useRemote(() => fetchDashboard(merchantId));
  // The inbox is extra: when it fails the dashboard still shows, without a count.
  const [inbox, loadInbox] = useRemote(() => fetchInbox(merchantId, undefined, 20));
  // So is the count of orders to ship (paid or partly shipped; "50+" beyond one page of each).
  const [toShip, loadToShip] = useRemote(() => countOrdersToShip(merchantId));
  // And the after-sale requests waiting for an answer (one page; "50+" beyond).
  const [toAnswer, loadToAnswer] = useRemote(() => fetchStoreAfterSales(merchantId, 'requested', undefined, 50));

  useDidShow(() => {
    if (!getSession()) return;
    void load();
    void loadInbox();
    void loadToShip();
    void loadToAnswer();
  });

  if (!session) return <SignInRequired id="merchant-signin" />;

  let body;
  if (dashboard.status === 'error') {
    const code = errorCode(dashboard.error);
    body =
      code === 'forbidden' || code === 'not_found' || code === 'validation_failed' ? (
        <EmptyState id="merchant-dashboard-no-access" icon="lock" title={t('merchant.no_access_title')} body={t('merchant.dashboard_no_access')} />
      ) : (
        <ErrorState error={dashboard.error} onRetry={() => void load()} />
      );
  } else if (dashboard.status !== 'ok') body = <Loading />;
  else {
    const { merchant, staffCount } = dashboard.data;
    const allowed = MERCHANT_ROLE_PERMISSIONS[merchant.role];
    const inboxCount = inbox.status === 'ok' ? `${inbox.data.items.length}${inbox.data.nextCursor ? '+' : ''}` : null;
    const toShipCount = toShip.status === 'ok' && toShip.data.count > 0 ? `${toShip.data.count}${toShip.data.more ? '+' : ''}` : null;
    body = (
      <View>
        <View className="merchant__hero">
          <Text id="merchant-name" className="merchant__hero-name">
            {merchant.name}
          </Text>
          <Text id="merchant-status" className={`merchant__status merchant__status--${merchant.status}`}>
            {t(`merchant.status.${merchant.status}`)}
          </Text>
        </View>
        {merchant.status !== 'open' ? (
          <View id="dash-status-banner" className="banner" onClick={() => void Taro.navigateTo({ url: merchantUrl('store', merchantId) })}>
            <Text>{t(`merchant.dashboard.status_note.${merchant.status}`)}</Text>
            <Text className="row__chevron">›</Text>
          </View>
        ) : null}
        <View className="merchant__stats">
          <View className="merchant__stat">
            <Text id="merchant-staff-count" className="merchant__stat-value">
              {staffCount}
            </Text>
            <Text className="merchant__stat-label">{t('merchant.staff_count')}</Text>
          </View>
          <View className="merchant__stat">
            <Text id="merchant-role" className="merchant__stat-value merchant__stat-value--text">
              {t(`role.merchant.${merchant.role}`)}
            </Text>
            <Text className="merchant__stat-label">{t('merchant.role')}</Text>
          </View>
        </View>
        <View id="dash-links" className="m-tiles">
          {TILES.filter((tile) => allowed.includes(tile.needs)).map((tile) => (
            <View key={tile.id} id={tile.id} className="m-tile" onClick={() => void Taro.navigateTo({ url: merchantUrl(tile.page, merchantId) })}>
              <Text className="m-tile__icon">{tile.icon}</Text>
              <Text className="m-tile__label">{t(tile.label)}</Text>
              {tile.page === 'inbox' && inboxCount && inboxCount !== '0' ? (
                <Text id="dash-inbox-count" className="m-tile__badge">
                  {inboxCount}
                </Text>
              ) : null}
              {tile.page === 'after-sales' && toAnswer.status === 'ok' && toAnswer.data.items.length > 0 ? (
                <Text
                  id="dash-after-sales-count"
                  className="m-tile__badge"
                  aria-label={t(toAnswer.data.nextCursor ? 'after_sale.m.waiting_more' : 'after_sale.m.waiting', { n: toAnswer.data.items.length })}
                >
                  {toAnswer.data.nextCursor ? `${toAnswer.data.items.length}+` : toAnswer.data.items.length}
                </Text>
              ) : null}
              {tile.page === 'orders' && toShipCount ? (
                <Text id="dash-orders-count" className="m-tile__badge" aria-label={t('merchant.orders.to_ship_count', { n: toShipCount })}>
                  {toShipCount}
                </Text>
              ) : null}
            </View>
          ))}
        </View>
      </View>
    );
  }

  return (
    <View id="page-merchant-dashboard" className="page">
      {body}
    </View>
  );
}
