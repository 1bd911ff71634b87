import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { formatMoney } from '@wxshop/shared';
import type { AfterSale } from '@wxshop/shared/after-sales';
import { Picture } from '../../../components/picture';
import { useI18n } from '../../../i18n';
import { DetailRow } from '../../components/detail-row';
import { shortDateTime } from '../../lib/format';

/** Photos as short-lived signed links; a tap opens the full-size viewer. */
export function Photos({ idPrefix, urls }: { idPrefix: string; urls: string[] }) {
  if (urls.length === 0) return null;
  return (
    <View className="admin__images">
      {urls.map((url, i) => (
        <Picture
          alt={`${i + 1}`}
          key={url}
          id={`${idPrefix}-${i}`}
          className="admin__image"
          src={url}
          mode="aspectFill"
          onClick={() => void Taro.previewImage({ urls, current: url })}
        />
      ))}
    </View>
  );
}

/** The case: who, what, how much; the shopper's request, the store's rejection and the appeal. */
export function CaseSummary({ item: c, photoUrls }: { item: AfterSale; photoUrls: string[] }) {
  const { t, lang } = useI18n();
  return (
    <View>
      <View id="arbitration-summary" className="card">
        <View className="admin__detail-head">
          <Text className="admin__detail-title">{c.storeName}</Text>
          <Text id="arbitration-status" className={`admin__status admin__status--${c.status}`}>
            {t(`admin.arbitration_status.${c.status}`)}
          </Text>
        </View>
        <DetailRow label={t('admin.arbitration_kind')}>{t(`admin.arbitration_kind.${c.kind}`)}</DetailRow>
        <DetailRow id="arbitration-total" label={t('admin.arbitration_claimed')}>
          {formatMoney(c.total, lang)}
        </DetailRow>
        <DetailRow label={t('admin.arbitration_why')}>{t(`admin.arbitration_reason.${c.reason}`)}</DetailRow>
        {c.lines.map((l) => (
          <DetailRow key={l.skuId} label={[l.title, ...l.specValues].join(' · ')}>
            ×{l.quantity} · {formatMoney(l.amount, lang)}
          </DetailRow>
        ))}
        <DetailRow label={t('admin.arbitration_order')}>{c.orderId}</DetailRow>
        <DetailRow label={t('admin.arbitration_shopper')}>{c.userId}</DetailRow>
      </View>
      <View id="arbitration-request" className="card">
        <View className="card__header">{t('admin.arbitration_request')}</View>
        <Text className="admin__muted">
          {shortDateTime(c.createdAt)}
          {c.text ? ` · ${c.text}` : ''}
        </Text>
        <Photos idPrefix="arbitration-request-photo" urls={photoUrls} />
        {c.rejectReason ? (
          <View className="admin__history">
            <Text className="admin__history-title">{t('admin.arbitration_rejection')}</Text>
            <Text id="arbitration-rejection" className="admin__item-reason">
              {c.rejectReason}
            </Text>
          </View>
        ) : null}
        {c.escalation ? (
          <View className="admin__history">
            <Text className="admin__history-title">{t('admin.arbitration_escalation')}</Text>
            <Text className="admin__item-sub">{shortDateTime(c.escalation.at)}</Text>
            <Text id="arbitration-escalation" className="admin__item-reason">
              {c.escalation.text}
            </Text>
          </View>
        ) : null}
      </View>
    </View>
  );
}
