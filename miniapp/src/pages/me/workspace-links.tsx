import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Roles } from '@wxshop/shared';
import { useI18n } from '../../i18n';

/** Links to the merchant centre and platform admin, shown when the account's roles allow; else "open a store". */
export function WorkspaceLinks({ roles }: { roles: Roles }) {
  const { t } = useI18n();
  const merchant = Object.keys(roles.merchants ?? {}).length > 0;
  const admin = roles.platform !== undefined;
  return (
    <View id="me-workspaces" className="card">
      <View className="card__header">{t('me.workspaces')}</View>
      {merchant ? (
        <View id="me-merchant-link" className="row" onClick={() => void Taro.navigateTo({ url: '/merchant/pages/entry/index' })}>
          <Text>{t('me.merchant_area')}</Text>
          <Text className="row__chevron">›</Text>
        </View>
      ) : (
        // Not staff of any shop: apply to open one (the page shows an application already sent).
        <View id="me-open-store-link" className="row" onClick={() => void Taro.navigateTo({ url: '/merchant/pages/apply/index' })}>
          <Text>{t('merchant.open_store')}</Text>
          <Text className="row__chevron">›</Text>
        </View>
      )}
      {admin ? (
        <View id="me-admin-link" className="row" onClick={() => void Taro.navigateTo({ url: '/admin/pages/entry/index' })}>
          <Text>{t('me.admin_area')}</Text>
          <Text className="row__chevron">›</Text>
        </View>
      ) : null}
    </View>
  );
}
