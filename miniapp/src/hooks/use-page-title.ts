import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useEffect } from 'react';
import type { MessageKey } from '@wxshop/shared';
import { useI18n } from '../i18n';
import { isTopPage } from './page-route';

/**
 * Keeps the navigation bar title (document.title on H5) in the current language, while this page is the
 * one on top. NOTE: every mounted page re-renders on a language change, including a page below the top or
 * one still being unloaded (the login page just after `navigateBack`); `setNavigationBarTitle` sets the
 * title of whatever page is on top, so without the check the Me page could show "Sign in".
 */
export function usePageTitle(key: MessageKey): void {
  const { lang, t } = useI18n();
  const own = useRouter().path;
  const apply = () => {
    if (!isTopPage(own, Taro.getCurrentPages())) return;
    void Taro.setNavigationBarTitle({ title: t(key) }).catch(() => undefined);
  };
  useDidShow(apply);
  useEffect(apply, [lang, key, t, own]);
}
