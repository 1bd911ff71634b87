import '../../messages';
import '../../distribution-messages';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { platformCan, type PlatformPermission } from '@wxshop/shared';
import { EmptyState, ErrorState, Loading, SignInRequired } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { fetchProfile } from '../../../services/me';
import { getSession, useSession } from '../../../services/session';
import { adminAccess } from '../access';
import '../admin.scss';
import { Tile } from './tile';
import { usePendingCounts } from './pending-counts';

interface Area {
  id: string;
  permission: PlatformPermission;
  url: string;
  title:
    | 'admin.applications_title'
    | 'admin.merchants_title'
    | 'admin.orders_title'
    | 'admin.arbitrations_title'
    | 'admin.products_title'
    | 'admin.categories_title'
    | 'admin.staff_title'
    | 'admin.staff_add'
    | 'finance.recon_title'
    | 'distribution.admin_link';
  hint:
    | 'admin.tile_applications_hint'
    | 'admin.tile_merchants_hint'
    | 'admin.tile_orders_hint'
    | 'admin.tile_arbitration_hint'
    | 'admin.tile_products_hint'
    | 'admin.tile_categories_hint'
    | 'admin.tile_staff_hint'
    | 'admin.tile_staff_add_hint'
    | 'finance.recon_tile_hint'
    | 'distribution.admin_tile_hint';
  count?: 'applications' | 'products';
}

/** Every admin area, in menu order; each shows only to roles holding its permission. */
const AREAS: readonly Area[] = [
  {
    id: 'admin-tile-applications',
    permission: 'platform:merchant:review',
    url: '/admin/pages/applications/index',
    title: 'admin.applications_title',
    hint: 'admin.tile_applications_hint',
    count: 'applications',
  },
  {
    id: 'admin-tile-products',
    permission: 'platform:product:review',
    url: '/admin/pages/products/index',
    title: 'admin.products_title',
    hint: 'admin.tile_products_hint',
    count: 'products',
  },
  {
    id: 'admin-tile-distributors',
    permission: 'platform:distribution:review',
    url: '/admin/pages/distributors/index',
    title: 'distribution.admin_link',
    hint: 'distribution.admin_tile_hint',
  },
  {
    id: 'admin-tile-merchants',
    permission: 'platform:merchant:read',
    url: '/admin/pages/merchants/index',
    title: 'admin.merchants_title',
    hint: 'admin.tile_merchants_hint',
  },
  {
    id: 'admin-tile-orders',
    permission: 'platform:order:read',
    url: '/admin/pages/orders/index',
    title: 'admin.orders_title',
    hint: 'admin.tile_orders_hint',
  },
  {
    id: 'admin-tile-arbitration',
    permission: 'platform:after_sale:arbitrate',
    url: '/admin/pages/arbitrations/index',
    title: 'admin.arbitrations_title',
    hint: 'admin.tile_arbitration_hint',
  },
  {
    id: 'admin-tile-categories',
    permission: 'platform:category:write',
    url: '/admin/pages/categories/index',
    title: 'admin.categories_title',
    hint: 'admin.tile_categories_hint',
  },
  {
    id: 'admin-tile-reconciliation',
    permission: 'platform:finance:read',
    url: '/admin/pages/reconciliation/index',
    title: 'finance.recon_title',
    hint: 'finance.recon_tile_hint',
  },
  { id: 'admin-staff-link', permission: 'platform:staff:read', url: '/admin/pages/staff/index', title: 'admin.staff_title', hint: 'admin.tile_staff_hint' },
  {
    id: 'admin-staff-new-link',
    permission: 'platform:staff:write',
    url: '/admin/pages/staff-new/index',
    title: 'admin.staff_add',
    hint: 'admin.tile_staff_add_hint',
  },
];

/** Platform admin home: only accounts with a platform role get in; tiles for the areas their role may use. */
export default function AdminEntryPage() {
  const { t } = useI18n();
  usePageTitle('admin.entry_title');
  const session = useSession();
  const [fresh, load] = useRemote(fetchProfile);
  const roles = session?.profile.roles;
  const counts = usePendingCounts(!!roles && platformCan(roles, 'platform:merchant:review'), !!roles && platformCan(roles, 'platform:product:review'));

  useDidShow(() => {
    if (!getSession()) return;
    void load();
    counts.reload();
  });

  if (!session || !roles) return <SignInRequired id="admin-signin" />;

  const access = adminAccess(session.profile, fresh);
  let body;
  if (access === 'denied') body = <EmptyState id="admin-no-access" icon="lock" title={t('admin.no_access_title')} body={t('admin.no_access_body')} />;
  else if (access === 'error' && fresh.status === 'error') body = <ErrorState error={fresh.error} onRetry={() => void load()} />;
  else if (access !== 'granted' || !roles.platform) body = <Loading />;
  else
    body = (
      <View>
        <View className="admin__hero">
          <Text className="admin__hero-title">{t('admin.entry_title')}</Text>
          <Text id="admin-role" className="admin__hero-role">
            {t('admin.your_role', { role: t(`role.platform.${roles.platform}`) })}
          </Text>
        </View>
        <View id="admin-tiles" className="admin__tiles">
          {AREAS.filter((a) => platformCan(roles, a.permission)).map((a) => (
            <Tile
              key={a.id}
              id={a.id}
              title={t(a.title)}
              hint={t(a.hint)}
              count={a.count ? counts[a.count] : undefined}
              onClick={() => void Taro.navigateTo({ url: a.url })}
            />
          ))}
        </View>
      </View>
    );

  return (
    <View id="page-admin-entry" className="page">
      {body}
    </View>
  );
}
