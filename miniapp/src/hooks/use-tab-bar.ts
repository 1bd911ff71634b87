import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect } from 'react';
import type { MessageKey } from '@wxshop/shared';
import { useI18n } from '../i18n';
import { decorateTabBar } from '../platform/ui';
import { syncCartBadge } from '../services/cart';

/** Tab bar items, in the order of app.config.ts. */
const TABS: readonly { key: MessageKey; id: string }[] = [
  { key: 'tab.home', id: 'tab-home' },
  { key: 'tab.category', id: 'tab-category' },
  { key: 'tab.cart', id: 'tab-cart' },
  { key: 'tab.me', id: 'tab-me' },
];

/**
 * The native tab bar's texts come from app.config.ts (Chinese); each tab page calls this to put them
 * in the current language, and the Cart badge to the line count. WeChat only accepts setTabBarItem
 * (and setTabBarBadge) while a tab page shows.
 */
export function useTabBar(): void {
  const { lang, t } = useI18n();
  const apply = () => {
    TABS.forEach((tab, index) => void Taro.setTabBarItem({ index, text: t(tab.key) }).catch(() => undefined));
    decorateTabBar(TABS.map((tab) => tab.id));
  };
  useDidShow(() => {
    apply();
    void syncCartBadge();
  });
  useEffect(apply, [lang, t]);
}
