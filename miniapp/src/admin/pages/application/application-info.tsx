import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ApplicationDetail, CategoryRoot } from '@wxshop/shared';
import { useI18n } from '../../../i18n';
import { DetailRow } from '../../components/detail-row';
import { categoryPath } from '../../lib/category-tree';
import { shortDateTime } from '../../lib/format';

/** The applicant's data of the latest submission and where the application stands. */
export function ApplicationInfo({ application: a, tree }: { application: ApplicationDetail; tree: CategoryRoot[] }) {
  const { lang, t } = useI18n();
  const category = categoryPath(tree, a.categoryId, lang).join(' › ') || a.categoryId;
  return (
    <View className="card">
      <View className="admin__detail-head">
        <Text id="application-store-name" className="admin__detail-title">
          {a.storeName}
        </Text>
        <Text id="application-status" className={`admin__status admin__status--${a.status}`}>
          {t(`admin.application_status.${a.status}`)}
        </Text>
      </View>
      {a.status === 'rejected' && a.rejectReason ? (
        <View id="application-reject-reason" className="admin__note">
          {t('admin.reject_reason_shown', { reason: a.rejectReason })}
        </View>
      ) : null}
      <DetailRow id="application-business-type" label={t('admin.business_type')}>
        {t(`admin.business_type.${a.businessType}`)}
      </DetailRow>
      <DetailRow id="application-licence" label={t('admin.licence_number')}>
        {a.licenceNumber}
      </DetailRow>
      <DetailRow id="application-contact" label={t('admin.contact')}>
        {a.contactName} · {a.contactPhone}
      </DetailRow>
      <DetailRow id="application-category" label={t('admin.main_category')}>
        {category}
      </DetailRow>
      <DetailRow id="application-applicant" label={t('admin.applicant_id')}>
        {a.applicantId}
      </DetailRow>
      <DetailRow id="application-submitted" label={t('admin.submitted')}>
        {shortDateTime(a.submittedAt)}
        {a.version > 1 ? ` · ${t('admin.application_version', { version: a.version })}` : ''}
      </DetailRow>
      {a.reviewedAt ? <DetailRow label={t('admin.reviewed')}>{shortDateTime(a.reviewedAt)}</DetailRow> : null}
      {a.merchantId ? (
        <View id="application-merchant-link" className="row" onClick={() => void Taro.navigateTo({ url: `/admin/pages/merchant/index?id=${a.merchantId}` })}>
          <Text>{t('admin.open_store')}</Text>
          <Text className="row__chevron">›</Text>
        </View>
      ) : null}
    </View>
  );
}
