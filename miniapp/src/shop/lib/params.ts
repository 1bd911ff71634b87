import Taro, { useRouter } from '@tarojs/taro';
import { useEffect } from 'react';
import type { MessageKey } from '@wxshop/shared';
import { useI18n } from '../../i18n';

/** Query values arrive encoded on some platforms and decoded on others: decode once when it is safe. */
export function safeDecode(v: string | undefined): string | undefined {
  if (v === undefined || v === '' || v === 'undefined') return undefined;
  if (!/%[0-9A-Fa-f]{2}/.test(v)) return v;
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

/** The page's query parameters, decoded. */
export function useParams(): Record<string, string | undefined> {
  const { params } = useRouter();
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(params)) out[k] = safeDecode(typeof v === 'string' ? v : undefined);
  return out;
}

/** The navigation bar title: a text from the data when there is one, else a message in the current language. */
export function useShopTitle(key: MessageKey, text?: string | null): void {
  const { lang, t } = useI18n();
  const title = text || t(key);
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title }).catch(() => undefined);
  }, [title, lang]);
}
