import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Roles } from '@wxshop/shared';
import { useI18n } from '../../i18n';

/** Links to the merchant centre and platform admin, shown only when the account's roles allow. */
export function WorkspaceLinks({ roles }: { roles: Roles }) {
  const { t } = useI18n();
  const merchant = Object.keys(roles.merchants ?? {}).length > 0;
  const admin = roles.platform !== undefined;
  if (!merchant && !admin) return null;
  return (
    <View id="me-workspaces" className="card">
      <View className="card__header">{t('me.workspaces')}</View>
      {merchant ? (
        <View id="me-merchant-link" className="row" onClick={() => void Taro.navigateTo({ url: '/merchant/pages/entry/index' })}>
          <Text>{t('me.merchant_area')}</Text>
          <Text className="row__chevron">›</Text>
        </View>
      ) : null}
      {admin ? (
        <View id="me-admin-link" className="row" onClick={() => void Taro.navigateTo({ url: '/admin/pages/entry/index' })}>
          <Text>{t('me.admin_area')}</Text>
          <Text className="row__chevron">›</Text>
        </View>
      ) : null}
    </View>
  );
}
