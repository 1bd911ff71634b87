import { Text, View } from '@tarojs/components';
import { STAFF_ROLES, type StaffMember, type StaffRole } from '@wxshop/shared';
import { useI18n } from '../../../i18n';

interface Props {
  staff: StaffMember;
  isMe: boolean;
  /** The owner looking at someone else than the owner. */
  manageable: boolean;
  busy: boolean;
  onRole: (role: StaffRole) => void;
  onRemove: () => void;
}

export function StaffRowView({ staff: s, isMe, manageable, busy, onRole, onRemove }: Props) {
  const { t } = useI18n();
  return (
    <View id={`staff-${s.userId}`} className="m-staff-row">
      <View className="m-section__head">
        <View className="m-col">
          <Text className="m-staff__name">
            {s.nickname}
            {isMe ? ` (${t('merchant.staff.you')})` : ''}
          </Text>
          <Text className="m-muted">
            {s.login} · {t('merchant.staff.since', { date: s.createdAt.slice(0, 10) })}
          </Text>
        </View>
        <Text id={`staff-role-${s.userId}`} className="m-role">
          {t(`role.merchant.${s.role}`)}
        </Text>
      </View>
      {manageable ? (
        <View className="m-actions">
          {STAFF_ROLES.map((r) => (
            <Text
              key={r}
              id={`staff-set-role-${s.userId}-${r}`}
              className={`m-chip ${s.role === r ? 'm-chip--active' : ''}`}
              onClick={() => !busy && s.role !== r && onRole(r)}
            >
              {t(`role.merchant.${r}`)}
            </Text>
          ))}
          <Text id={`staff-remove-${s.userId}`} className="m-action m-action--danger" onClick={() => !busy && onRemove()}>
            {busy ? '…' : t('merchant.staff.remove')}
          </Text>
        </View>
      ) : null}
    </View>
  );
}
