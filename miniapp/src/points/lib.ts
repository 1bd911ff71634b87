import Taro from '@tarojs/taro';

/** The day of an instant on the shopper's calendar (Asia/Shanghai), as YYYY-MM-DD. */
export const shanghaiDate = (iso: string): string => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
/** Day and time (Asia/Shanghai), as YYYY-MM-DD HH:mm. */
export const shanghaiDateTime = (iso: string): string => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

export const POINTS_URLS = { centre: '/points/pages/centre/index', video: '/points/pages/video/index' } as const;

export const goTo = (url: string): void => void Taro.navigateTo({ url }).catch(() => undefined);
