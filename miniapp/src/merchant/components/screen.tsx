import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { EmptyState, ErrorState, Loading, SignInRequired } from '../../components/states';
import { useI18n } from '../../i18n';
import { errorCode } from '../../services/request';
import { useSession } from '../../services/session';

type Loadable = { status: 'idle' | 'loading' | 'ok' } | { status: 'error'; error: unknown };

/**
 * The frame of a merchant page: sign-in first, then the load's states. `forbidden` / `not_found` (staff
 * of another shop, a wrong id) is "no access", anything else the error with a retry. `children` renders
 * once loaded.
 */
export function MerchantScreen({ id, state, onRetry, children }: { id: string; state: Loadable; onRetry: () => void; children: () => ReactNode }) {
  const { t } = useI18n();
  const session = useSession();
  let body: ReactNode;
  if (!session) body = <SignInRequired id="merchant-signin" />;
  else if (state.status === 'error') {
    const code = errorCode(state.error);
    body =
      code === 'forbidden' || code === 'not_found' ? (
        <EmptyState id="merchant-page-no-access" icon="lock" title={t('merchant.no_access_title')} body={t('merchant.page_no_access')} />
      ) : (
        <ErrorState error={state.error} onRetry={onRetry} />
      );
  } else if (state.status !== 'ok') body = <Loading />;
  else body = children();
  return (
    <View id={id} className="page merchant">
      {body}
    </View>
  );
}
