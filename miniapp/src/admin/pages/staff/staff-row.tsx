import { Text, View } from '@tarojs/components';
import { useI18n } from '../../../i18n';
import type { PlatformStaff } from '../../../services/admin';

export function StaffRow({ staff }: { staff: PlatformStaff }) {
  const { t } = useI18n();
  return (
    <View id={`admin-staff-item-${staff.userId}`} className="row admin__staff">
      <View className="admin__staff-main">
        <Text className="admin__staff-name">{staff.nickname}</Text>
        <Text className="admin__staff-meta">{staff.login}</Text>
        <Text className="admin__staff-meta">{t('admin.staff_added_on', { date: staff.createdAt.slice(0, 10) })}</Text>
      </View>
      <Text className="admin__badge">{t(`role.platform.${staff.role}`)}</Text>
    </View>
  );
}
