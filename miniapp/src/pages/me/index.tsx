import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { Currency, Language } from '@wxshop/shared';
import { usePageTitle } from '../../hooks/use-page-title';
import { useRemote } from '../../hooks/use-remote';
import { useTabBar } from '../../hooks/use-tab-bar';
import { setLanguage, useI18n } from '../../i18n';
import { signOut } from '../../services/auth';
import { fetchProfile, updatePreferences } from '../../services/me';
import { getLocalCurrency, setLocalCurrency } from '../../services/preferences';
import { errorText, toast, toastError } from '../../services/request';
import { getSession, useSession } from '../../services/session';
import { CurrencyPicker } from './currency-picker';
import { LanguagePicker } from './language-picker';
import { InboxLink } from './inbox-link';
import { OrderLinks } from './order-links';
import { ProfileCard } from './profile-card';
import { SignedOutCard } from './signed-out-card';
import { ShoppingLinks } from './shopping-links';
import { WorkspaceLinks } from './workspace-links';
import './index.scss';

/** Me: the account (or a sign-in call to action), preferences, staff workspaces, log out. */
export default function MePage() {
  const { lang, t } = useI18n();
  usePageTitle('me.title');
  useTabBar();
  const session = useSession();
  const [refresh, reload] = useRemote(fetchProfile);
  const [localCurrency, setCurrencyState] = useState<Currency>(getLocalCurrency);
  const [open, setOpen] = useState<'language' | 'currency' | null>(null);

  useDidShow(() => {
    if (getSession()) void reload();
  });

  const profile = session?.profile;
  const currency = profile?.currency ?? localCurrency;

  const chooseLanguage = async (next: Language) => {
    setOpen(null);
    setLanguage(next);
    if (!getSession()) return;
    try {
      await updatePreferences({ language: next });
      toast(t('common.saved'));
    } catch (e) {
      toastError(e);
    }
  };

  const chooseCurrency = async (next: Currency) => {
    setOpen(null);
    setLocalCurrency(next);
    setCurrencyState(next);
    if (!getSession()) return;
    try {
      await updatePreferences({ currency: next });
      toast(t('common.saved'));
    } catch (e) {
      toastError(e);
    }
  };

  const logOut = async () => {
    await signOut();
    toast(t('me.logged_out'));
  };

  const toggle = (which: 'language' | 'currency') => setOpen((o) => (o === which ? null : which));

  return (
    <View id="page-me" className="page me">
      {profile ? <ProfileCard profile={profile} /> : <SignedOutCard onSignIn={() => void Taro.navigateTo({ url: '/pages/login/index' })} />}

      {profile && refresh.status === 'loading' && !refresh.data ? (
        <View id="me-refreshing" className="me__refreshing">
          {t('common.loading')}
        </View>
      ) : null}
      {profile && refresh.status === 'error' ? (
        <View id="me-refresh-error" className="banner">
          <Text>
            {t('me.refresh_failed')} {errorText(refresh.error)}
          </Text>
          <Text id="me-refresh-retry" className="banner__action" onClick={() => void reload()}>
            {t('common.retry')}
          </Text>
        </View>
      ) : null}

      <OrderLinks />

      {profile ? (
        <View className="card">
          <InboxLink />
        </View>
      ) : null}

      <ShoppingLinks />

      <View className="card">
        <View className="card__header">{t('me.settings')}</View>
        <LanguagePicker value={lang} open={open === 'language'} onToggle={() => toggle('language')} onChange={chooseLanguage} />
        <CurrencyPicker value={currency} open={open === 'currency'} onToggle={() => toggle('currency')} onChange={chooseCurrency} />
      </View>

      {profile ? <WorkspaceLinks roles={profile.roles} /> : null}

      {profile ? (
        <View className="card">
          <Button id="me-logout" className="btn btn--danger" onClick={logOut}>
            {t('me.logout')}
          </Button>
        </View>
      ) : null}
    </View>
  );
}
