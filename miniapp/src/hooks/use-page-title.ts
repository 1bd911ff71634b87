import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect } from 'react';
import type { MessageKey } from '@wxshop/shared';
import { useI18n } from '../i18n';

/** Keeps the navigation bar title (document.title on H5) in the current language. */
export function usePageTitle(key: MessageKey): void {
  const { lang, t } = useI18n();
  const apply = () => void Taro.setNavigationBarTitle({ title: t(key) }).catch(() => undefined);
  useDidShow(apply);
  useEffect(apply, [lang, key, t]);
}
