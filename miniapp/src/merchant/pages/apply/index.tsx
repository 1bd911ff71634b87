import '../../messages';
import Taro, { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useState } from 'react';
import type { Application } from '@wxshop/shared';
import { ErrorState, Loading, SignInRequired } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useRemote } from '../../../hooks/use-remote';
import { fetchProfile } from '../../../services/me';
import { fetchApplication, fetchCategoryTree, fetchMyApplications } from '../../../services/onboarding';
import { toastError } from '../../../services/request';
import { getSession, useSession } from '../../../services/session';
import { emptyApplicationForm, formFromApplication, type ApplicationForm } from '../../lib/application-form';
import { merchantUrl } from '../../lib/use-merchant';
import '../merchant.scss';
import { ApplicationFormView } from './application-form';
import { ApplicationStatusCard } from './status-card';

/**
 * Open a store: the application form (company or individual, licence, contact, main category,
 * documents), then its status: under review / rejected with the reason ("edit and reapply") /
 * approved (to the dashboard).
 */
export default function MerchantApplyPage() {
  usePageTitle('merchant.apply.title');
  const session = useSession();
  const [apps, loadApps] = useRemote(fetchMyApplications);
  const [tree, loadTree] = useRemote(fetchCategoryTree);
  // null: show the status of the latest application (or a new form when there is none).
  const [editing, setEditing] = useState<{ form: ApplicationForm; applicationId: string | null } | null>(null);
  const [opening, setOpening] = useState(false);

  const load = () => {
    void loadApps();
    void loadTree();
  };
  useDidShow(() => {
    if (getSession()) load();
  });

  if (!session) return <SignInRequired id="merchant-signin" />;

  const reapply = async (a: Application) => {
    setOpening(true);
    try {
      const detail = await fetchApplication(a.id);
      setEditing({ form: formFromApplication(detail, detail.documentUrls), applicationId: a.id });
    } catch (e) {
      toastError(e);
    } finally {
      setOpening(false);
    }
  };

  const goToDashboard = async (merchantId: string) => {
    // The new role is in the profile from now on: refresh it so the "me" page shows the merchant centre.
    await fetchProfile().catch(() => undefined);
    void Taro.redirectTo({ url: merchantUrl('dashboard', merchantId) });
  };

  let body;
  const failed = apps.status === 'error' ? apps : tree.status === 'error' ? tree : null;
  if (failed) body = <ErrorState error={failed.error} onRetry={load} />;
  else if (apps.status !== 'ok' || tree.status !== 'ok') body = <Loading />;
  else {
    const latest = apps.data[0];
    if (editing || !latest)
      body = (
        <ApplicationFormView
          tree={tree.data}
          initial={editing?.form ?? emptyApplicationForm()}
          applicationId={editing?.applicationId ?? null}
          onDone={() => {
            setEditing(null);
            void loadApps();
          }}
          onCancel={editing ? () => setEditing(null) : undefined}
        />
      );
    else
      body = (
        <ApplicationStatusCard
          application={latest}
          tree={tree.data}
          busy={opening}
          onReapply={() => void reapply(latest)}
          onDashboard={(id) => void goToDashboard(id)}
        />
      );
  }

  return (
    <View id="page-merchant-apply" className="page merchant">
      {body}
    </View>
  );
}
