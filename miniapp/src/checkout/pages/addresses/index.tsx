import '../../messages';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { MAX_ADDRESSES } from '@wxshop/shared';
import { EmptyState, ErrorState, Loading, SignInRequired } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { fetchAddresses, removeAddress, saveAddress, type Address } from '../../../services/addresses';
import { toast, toastError } from '../../../services/request';
import { useSession } from '../../../services/session';
import { useParams } from '../../../shop/lib/params';
import { AddressText } from '../../components/address-card';
import { inputOf } from '../../lib/address-form';
import { pickAddress } from '../../lib/picked';
import '../checkout.scss';

const editUrl = (id?: string) => `/checkout/pages/address-edit/index${id ? `?id=${encodeURIComponent(id)}` : ''}`;

/** The address book (`?pick=1` from checkout: tapping an address chooses it and goes back). */
export default function AddressesPage() {
  const { t } = useI18n();
  usePageTitle('checkout.addresses_title');
  const { pick } = useParams();
  const picking = pick === '1';
  const userId = useSession()?.profile.id;
  const [remote, load] = useRemote(fetchAddresses);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (userId) void load();
  }, [userId, load]);
  useDidShow(() => {
    if (userId && remote.status !== 'idle') void load();
  });

  const act = async (run: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await run();
      toast(done);
      await load();
    } catch (e) {
      toastError(e);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (a: Address) => {
    const { confirm } = await Taro.showModal({
      content: t('checkout.address_delete_confirm'),
      cancelText: t('common.cancel'),
      confirmText: t('checkout.address_delete'),
    });
    if (confirm) await act(() => removeAddress(a.id), t('checkout.address_deleted'));
  };

  if (!userId)
    return (
      <View id="page-addresses" className="page">
        <SignInRequired id="addresses-signin" />
      </View>
    );
  const items = 'data' in remote ? remote.data : undefined;
  if (remote.status === 'error' && !items)
    return (
      <View id="page-addresses" className="page">
        <ErrorState id="addresses-error" error={remote.error} onRetry={() => void load()} />
      </View>
    );
  if (!items)
    return (
      <View id="page-addresses" className="page">
        <Loading id="addresses-loading" />
      </View>
    );
  const add = (
    <Button
      id="address-add"
      className="btn btn--primary"
      disabled={items.length >= MAX_ADDRESSES || undefined}
      onClick={() => void Taro.navigateTo({ url: editUrl() })}
    >
      {t('checkout.address_add')}
    </Button>
  );
  if (items.length === 0)
    return (
      <View id="page-addresses" className="page">
        <EmptyState id="addresses-empty" icon="home" title={t('checkout.addresses_empty_title')} body={t('checkout.addresses_empty_body')}>
          {add}
        </EmptyState>
      </View>
    );

  return (
    <View id="page-addresses" className="page co">
      {picking ? <Text className="co-hint">{t('checkout.addresses_pick_hint')}</Text> : null}
      {items.map((a) => (
        <View key={a.id} id={`address-${a.id}`} className="card co-card" data-default={a.isDefault ? 'true' : 'false'}>
          <View
            id={`address-pick-${a.id}`}
            className={picking ? 'co-card--link' : ''}
            role={picking ? 'button' : undefined}
            onClick={
              picking
                ? () => {
                    pickAddress(a.id);
                    void Taro.navigateBack();
                  }
                : undefined
            }
          >
            <AddressText address={a} />
          </View>
          <View className="co-address-actions">
            {a.isDefault ? (
              <Text id={`address-default-${a.id}`} className="co-address-actions__default">
                {t('checkout.address_is_default')}
              </Text>
            ) : (
              <Text
                id={`address-make-default-${a.id}`}
                className="co-link"
                onClick={busy ? undefined : () => void act(() => saveAddress(a.id, { ...inputOf(a), isDefault: true }), t('checkout.address_default_set'))}
              >
                {t('checkout.address_make_default')}
              </Text>
            )}
            <View className="co-address-actions__right">
              <Text id={`address-edit-${a.id}`} className="co-link" onClick={() => void Taro.navigateTo({ url: editUrl(a.id) })}>
                {t('checkout.address_edit')}
              </Text>
              <Text id={`address-delete-${a.id}`} className="co-link co-link--danger" onClick={busy ? undefined : () => void remove(a)}>
                {t('checkout.address_delete')}
              </Text>
            </View>
          </View>
        </View>
      ))}
      <View className="co-actions">{add}</View>
    </View>
  );
}
