import '../../messages';
import { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useRemote } from '../../../hooks/use-remote';
import { fetchStore, type StoreProfile } from '../../../services/merchant';
import { getSession } from '../../../services/session';
import { MerchantScreen } from '../../components/screen';
import { useMerchant } from '../../lib/use-merchant';
import '../merchant.scss';
import { LayoutEditor } from './layout-editor';
import { ProfileForm } from './profile-form';
import { StoreStatusCard } from './status-card';

/** The store: platform status (read-only, with the reason), profile (name, logo, banner, intro) and the home layout. */
export default function MerchantStorePage() {
  usePageTitle('merchant.store.title');
  const { merchantId, can } = useMerchant();
  const [store, load] = useRemote(() => fetchStore(merchantId));
  // The latest profile the API answered (after a save), over the loaded one.
  const [saved, setSaved] = useState<StoreProfile | null>(null);

  useDidShow(() => {
    if (!getSession()) return;
    setSaved(null);
    void load();
  });

  return (
    <MerchantScreen id="page-merchant-store" state={store} onRetry={() => void load()}>
      {() => {
        const profile = saved ?? (store.status === 'ok' ? store.data : null);
        if (!profile) return null;
        const editable = can('merchant:profile:write');
        return (
          <View>
            <StoreStatusCard store={profile} />
            <ProfileForm key={`p-${profile.id}`} merchantId={merchantId} store={profile} editable={editable} onSaved={setSaved} />
            <LayoutEditor key={`l-${profile.id}`} merchantId={merchantId} store={profile} editable={editable} onSaved={setSaved} />
          </View>
        );
      }}
    </MerchantScreen>
  );
}
