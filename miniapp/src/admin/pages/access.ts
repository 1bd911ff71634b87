import { platformCan, type PlatformPermission, type Profile } from '@wxshop/shared';
import type { Remote } from '../../hooks/use-remote';

export type Access = 'checking' | 'granted' | 'denied' | 'error';

/**
 * Whether the admin area opens for this account. Decides at once from the saved profile (no
 * spinner on every visit) and again when the fresh profile arrives; a failed refresh only matters
 * when the saved profile would have let the user in. The API checks every call regardless.
 */
export function adminAccess(saved: Profile | undefined, fresh: Remote<Profile>, permission?: PlatformPermission): Access {
  const profile = fresh.status === 'ok' ? fresh.data : saved;
  if (!profile) return fresh.status === 'error' ? 'error' : 'checking';
  const allowed = permission ? platformCan(profile.roles, permission) : profile.roles.platform !== undefined;
  if (!allowed) return 'denied';
  if (fresh.status === 'error') return 'error';
  return 'granted';
}
