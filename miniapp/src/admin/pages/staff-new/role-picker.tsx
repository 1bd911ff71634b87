import { View } from '@tarojs/components';
import { PLATFORM_ROLES, type PlatformRole } from '@wxshop/shared';
import { useI18n } from '../../../i18n';

export function RolePicker({ value, onChange }: { value: PlatformRole; onChange: (role: PlatformRole) => void }) {
  const { t } = useI18n();
  return (
    <View className="admin__roles">
      {PLATFORM_ROLES.map((role) => (
        <View key={role} id={`staff-role-${role}`} className={`admin__role ${role === value ? 'admin__role--active' : ''}`} onClick={() => onChange(role)}>
          {t(`role.platform.${role}`)}
        </View>
      ))}
    </View>
  );
}
