import { useRouter } from '@tarojs/taro';
import { merchantCan, type MerchantPermission, type MerchantRole } from '@wxshop/shared';
import { useSession } from '../../services/session';

/**
 * The shop a merchant page is about (`?merchantId=`) and what the signed-in account may do there
 * (from the profile's roles: the API checks again on every call).
 */
export function useMerchant(): { merchantId: string; role: MerchantRole | undefined; can: (p: MerchantPermission) => boolean; signedIn: boolean } {
  const params = useRouter().params;
  const session = useSession();
  const merchantId = params.merchantId ?? '';
  const roles = session?.profile.roles ?? {};
  return {
    merchantId,
    role: roles.merchants?.[merchantId],
    can: (p) => merchantCan(roles, merchantId, p),
    signedIn: session !== null,
  };
}

/** A merchant page URL with its shop (and more query parameters). */
export function merchantUrl(page: string, merchantId: string, extra: Record<string, string> = {}): string {
  const query = Object.entries({ merchantId, ...extra })
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
  return `/merchant/pages/${page}/index?${query}`;
}
