import '../../messages';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Loading } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { approveStoreApplication, fetchApplication, rejectStoreApplication } from '../../../services/admin-merchants';
import { fetchCategoryTree } from '../../../services/admin-categories';
import { isApiError, toast, toastError } from '../../../services/request';
import { getSession } from '../../../services/session';
import { AdminGuard, LoadError } from '../../components/guard';
import { useIdempotencyKey } from '../../components/keys';
import { ReviewActions } from '../../components/review-actions';
import '../admin.scss';
import { ApplicationInfo } from './application-info';
import { Documents } from './documents';
import { Versions } from './versions';

type Conflict = 'name_taken' | 'reviewed' | null;

/** One store application for review: applicant data, document images, history; approve or reject with a reason. */
export default function AdminApplicationPage() {
  const { t } = useI18n();
  usePageTitle('admin.application_title');
  const id = useRouter().params.id ?? '';
  const [detail, load] = useRemote(async () => {
    const [application, tree] = await Promise.all([fetchApplication(id), fetchCategoryTree().catch(() => [])]);
    return { application, tree };
  });
  const [conflict, setConflict] = useState<Conflict>(null);
  const approveKey = useIdempotencyKey('approve');
  const rejectKey = useIdempotencyKey('reject');

  useDidShow(() => {
    if (getSession()) void load();
  });

  const done = (message: string) => {
    toast(message);
    setTimeout(() => {
      if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
      else void Taro.redirectTo({ url: '/admin/pages/applications/index' });
    }, 600);
  };

  /** An API answer means the decision was taken (or refused): the next one gets a new key. A network failure keeps it for the retry. */
  const failed = async (e: unknown, renew: () => void, onConflict: Conflict) => {
    if (isApiError(e) && e.status > 0) renew();
    if (isApiError(e) && e.status === 409) {
      setConflict(onConflict);
      await load();
    } else toastError(e);
  };

  const approve = async () => {
    setConflict(null);
    try {
      await approveStoreApplication(id, approveKey.current());
      approveKey.renew();
      done(t('admin.application_approved'));
    } catch (e) {
      await failed(e, approveKey.renew, 'name_taken');
    }
  };

  const reject = async (reason: string) => {
    setConflict(null);
    try {
      await rejectStoreApplication(id, reason, rejectKey.current());
      rejectKey.renew();
      done(t('admin.application_rejected'));
    } catch (e) {
      await failed(e, rejectKey.renew, 'reviewed');
    }
  };

  let body;
  if (detail.status === 'error') body = <LoadError error={detail.error} onRetry={() => void load()} />;
  else if (!('data' in detail) || !detail.data) body = <Loading />;
  else {
    const { application: a, tree } = detail.data;
    // A 409 on approval while the application is still submitted: the store name is taken.
    const conflictText =
      conflict === null
        ? null
        : conflict === 'name_taken' && a.status === 'submitted'
          ? t('admin.application_name_taken', { name: a.storeName })
          : t('admin.application_reviewed_meanwhile');
    body = (
      <View>
        {conflictText ? (
          <View id="application-conflict" className="banner admin__banner">
            <Text>{conflictText}</Text>
          </View>
        ) : null}
        <ApplicationInfo application={a} tree={tree} />
        <Documents urls={a.documentUrls} />
        <Versions versions={a.versions} />
        {a.status === 'submitted' ? (
          <ReviewActions
            idPrefix="application"
            kind="application"
            approveConfirm={t('admin.application_approve_confirm', { name: a.storeName })}
            reasonPlaceholder={t('admin.application_reason_placeholder')}
            onApprove={approve}
            onReject={reject}
          />
        ) : null}
      </View>
    );
  }

  return (
    <AdminGuard permission="platform:merchant:review" pageId="page-admin-application">
      {body}
    </AdminGuard>
  );
}
