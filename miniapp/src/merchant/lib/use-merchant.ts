import { useRouter } from '@tarojs/taro';
import { useEffect } from 'react';
import { merchantCan, type MerchantPermission, type MerchantRole } from '@wxshop/shared';
import { fetchProfile } from '../../services/me';
import { useSession } from '../../services/session';

// Shops whose role was missing from the cached profile and for which it was reloaded once.
const reloaded = new Set<string>();

/**
 * The shop a merchant page is about (`?merchantId=`) and what the signed-in account may do there
 * (from the profile's roles: the API checks again on every call). A profile cached before the account
 * joined the shop (a new store, an invitation) has no role for it: it is reloaded once.
 */
export function useMerchant(): { merchantId: string; role: MerchantRole | undefined; can: (p: MerchantPermission) => boolean; signedIn: boolean } {
  const params = useRouter().params;
  const session = useSession();
  const merchantId = params.merchantId ?? '';
  const roles = session?.profile.roles ?? {};
  const role = roles.merchants?.[merchantId];
  const signedIn = session !== null;
  useEffect(() => {
    if (!signedIn || role || !merchantId || reloaded.has(merchantId)) return;
    reloaded.add(merchantId);
    void fetchProfile().catch(() => undefined);
  }, [signedIn, role, merchantId]);
  return { merchantId, role, can: (p) => merchantCan(roles, merchantId, p), signedIn };
}

/** A merchant page URL with its shop (and more query parameters). */
export function merchantUrl(page: string, merchantId: string, extra: Record<string, string> = {}): string {
  const query = Object.entries({ merchantId, ...extra })
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
  return `/merchant/pages/${page}/index?${query}`;
}
