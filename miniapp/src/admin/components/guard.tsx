import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { platformCan, type PlatformPermission } from '@wxshop/shared';
import { EmptyState, ErrorState, SignInRequired } from '../../components/states';
import { useI18n } from '../../i18n';
import { errorCode } from '../../services/request';
import { useSession } from '../../services/session';

/** "Your role cannot do this": the role lacks the permission, or the API answered 403. */
export function NoPermission({ id = 'admin-no-permission', fromApi = false }: { id?: string; fromApi?: boolean }) {
  const { t } = useI18n();
  const role = useSession()?.profile.roles.platform;
  // After a 403 the saved role may be out of date: do not name it.
  let body = t('admin.no_access_body');
  if (fromApi) body = t('admin.no_permission_api_body');
  else if (role) body = t('admin.no_permission_body', { role: t(`role.platform.${role}`) });
  return <EmptyState id={id} icon="lock" title={t('admin.no_permission_title')} body={body} />;
}

/** A failed load: 403 is the no-permission state, anything else the error state with retry. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return errorCode(error) === 'forbidden' ? <NoPermission fromApi /> : <ErrorState error={error} onRetry={onRetry} />;
}

/**
 * Renders the page body only for a signed-in account whose platform role grants `permission`
 * (from the saved profile: no round trip; the API checks every call again and a 403 shows
 * <NoPermission/> through <LoadError/>).
 */
export function AdminGuard({ permission, pageId, children }: { permission: PlatformPermission; pageId: string; children: ReactNode }) {
  const { t } = useI18n();
  const session = useSession();
  let body: ReactNode;
  if (!session) body = <SignInRequired id="admin-signin" />;
  else if (!session.profile.roles.platform)
    body = <EmptyState id="admin-no-access" icon="lock" title={t('admin.no_access_title')} body={t('admin.no_access_body')} />;
  else if (!platformCan(session.profile.roles, permission)) body = <NoPermission />;
  else body = children;
  return (
    <View id={pageId} className="page admin">
      {body}
    </View>
  );
}

/** True when the signed-in role grants `permission` (to show or hide actions). */
export function useCan(permission: PlatformPermission): boolean {
  const session = useSession();
  return !!session && platformCan(session.profile.roles, permission);
}
