import { formatMoney, type Money } from '@wxshop/shared';

/** The share subpackage's page urls. */
export const shareUrls = {
  join: () => '/share/pages/join/index',
  share: (kind: 'invite' | 'product' | 'store' = 'invite', id?: string) => `/share/pages/share/index?kind=${kind}${id ? `&id=${id}` : ''}`,
  team: () => '/share/pages/team/index',
  earnings: () => '/share/pages/earnings/index',
};

export const money = (m: Money, lang: string): string => formatMoney(m, lang);

/** `YYYY-MM-DD` of an ISO time, in Beijing time (the platform's business day). */
export const day = (iso: string): string => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
