import '../../messages';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { StaffRole } from '@wxshop/shared';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { cancelInvite, fetchStaffList, removeStaff, setStaffRole } from '../../../services/merchant';
import { toast, toastError } from '../../../services/request';
import { getSession, useSession } from '../../../services/session';
import { MerchantScreen } from '../../components/screen';
import { shortDateTime } from '../../lib/schedule';
import { useMerchant } from '../../lib/use-merchant';
import '../merchant.scss';
import { InviteForm } from './invite-form';
import { StaffRowView } from './staff-row';

/** The store's staff and pending invites; the owner invites by phone, changes roles and removes people. */
export default function MerchantStaffPage() {
  const { t } = useI18n();
  usePageTitle('merchant.staff.title');
  const { merchantId } = useMerchant();
  const me = useSession()?.profile.id;
  const [list, load] = useRemote(() => fetchStaffList(merchantId));
  const [busy, setBusy] = useState<string | null>(null);

  useDidShow(() => {
    if (getSession()) void load();
  });

  const run = async (id: string, action: () => Promise<unknown>, done: string) => {
    setBusy(id);
    try {
      await action();
      toast(done);
      await load();
    } catch (e) {
      toastError(e);
    } finally {
      setBusy(null);
    }
  };

  const confirm = async (title: string) =>
    (await Taro.showModal({ title, content: '', confirmText: t('merchant.common.confirm'), cancelText: t('merchant.common.cancel') })).confirm;

  return (
    <MerchantScreen id="page-merchant-staff" state={list} onRetry={() => void load()}>
      {() => {
        if (list.status !== 'ok') return null;
        const { staff, invites } = list.data;
        // Only the owner manages staff (the API says so too): derived from the fresh list, not the cached profile.
        const isOwner = staff.some((s) => s.userId === me && s.role === 'owner');
        return (
          <View>
            {isOwner ? (
              <InviteForm merchantId={merchantId} onInvited={() => void load()} />
            ) : (
              <Text id="staff-read-only" className="banner">
                {t('merchant.staff.read_only')}
              </Text>
            )}
            <View id="staff-list" className="card">
              <View className="card__header">{t('merchant.staff.members', { n: staff.length })}</View>
              {staff.map((s) => (
                <StaffRowView
                  key={s.userId}
                  staff={s}
                  isMe={s.userId === me}
                  manageable={isOwner && s.role !== 'owner'}
                  busy={busy === s.userId}
                  onRole={(role: StaffRole) => void run(s.userId, () => setStaffRole(merchantId, s.userId, role), t('merchant.staff.role_changed'))}
                  onRemove={async () => {
                    if (await confirm(t('merchant.staff.confirm_remove', { name: s.nickname })))
                      void run(s.userId, () => removeStaff(merchantId, s.userId), t('merchant.staff.removed'));
                  }}
                />
              ))}
            </View>
            <View id="staff-invites" className="card">
              <View className="card__header">{t('merchant.staff.invites', { n: invites.length })}</View>
              {invites.length === 0 ? (
                <Text id="staff-invites-empty" className="m-empty-line">
                  {t('merchant.staff.no_invites')}
                </Text>
              ) : (
                invites.map((inv) => {
                  const id = inv.phone.replace(/\D/g, '');
                  return (
                    <View key={inv.phone} id={`invite-${id}`} className="row m-staff">
                      <View className="m-col">
                        <Text className="m-staff__name">{inv.phone}</Text>
                        <Text className="m-muted">
                          {t(`role.merchant.${inv.role}`)} · {t('merchant.staff.expires', { at: shortDateTime(inv.expiresAt) })}
                        </Text>
                      </View>
                      {isOwner ? (
                        <Text
                          id={`invite-cancel-${id}`}
                          className="m-action m-action--danger"
                          onClick={async () => {
                            if (await confirm(t('merchant.staff.confirm_cancel', { phone: inv.phone })))
                              void run(inv.phone, () => cancelInvite(merchantId, inv.phone), t('merchant.staff.invite_cancelled'));
                          }}
                        >
                          {busy === inv.phone ? '…' : t('merchant.staff.cancel_invite')}
                        </Text>
                      ) : null}
                    </View>
                  );
                })
              )}
            </View>
          </View>
        );
      }}
    </MerchantScreen>
  );
}
