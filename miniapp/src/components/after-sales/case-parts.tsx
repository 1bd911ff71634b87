import './messages';
import { Text, View } from '@tarojs/components';
import { formatMoney, type AfterSale } from '@wxshop/shared';
import { Picture } from '../picture';
import { useI18n } from '../../i18n';
import { at, statusText } from './format';
import './after-sales.scss';

/** The case's lines: what was asked (and what arrived), with each line's refund. */
export function CaseLines({ c }: { c: AfterSale }) {
  const { lang, t } = useI18n();
  return (
    <View id="as-lines" className="card as-section">
      <Text className="as-section__title">
        {t('after_sale.lines')} · {c.storeName}
      </Text>
      {c.lines.map((l) => (
        <View key={l.skuId} id={`as-line-${l.skuId}`} className="as-line">
          <View className="as-line__text">
            <Text className="as-line__title">{l.title}</Text>
            {l.specValues.length ? <Text className="as-muted">{l.specValues.join(' / ')}</Text> : null}
            {l.received !== null ? <Text className="as-muted">{t('after_sale.received', { n: l.received })}</Text> : null}
          </View>
          <View className="as-line__figures">
            <Text id={`as-line-amount-${l.skuId}`}>{formatMoney(l.amount, lang)}</Text>
            <Text className="as-muted">{t('after_sale.units', { n: l.quantity })}</Text>
          </View>
        </View>
      ))}
      <View className="as-kv">
        <Text className="as-muted">{t('after_sale.goods')}</Text>
        <Text id="as-goods">{formatMoney(c.goods, lang)}</Text>
      </View>
      {c.shipping.amount > 0 ? (
        <View className="as-kv">
          <Text className="as-muted">{t('after_sale.shipping')}</Text>
          <Text id="as-shipping">{formatMoney(c.shipping, lang)}</Text>
        </View>
      ) : null}
      <View className="as-kv as-kv--strong">
        <Text>{t('after_sale.total')}</Text>
        <Text id="as-total">{formatMoney(c.total, lang)}</Text>
      </View>
    </View>
  );
}

/** Why: the reason, the shopper's words and photos. */
export function CaseReason({ c }: { c: AfterSale }) {
  const { t } = useI18n();
  return (
    <View id="as-reason" className="card as-section">
      <View className="as-kv">
        <Text className="as-muted">{t('after_sale.kind_label')}</Text>
        <Text id="as-kind">{t(`after_sale.kind.${c.kind}`)}</Text>
      </View>
      <View className="as-kv">
        <Text className="as-muted">{t('after_sale.reason')}</Text>
        <Text id="as-reason-text">{t(`after_sale.reason.${c.reason}`)}</Text>
      </View>
      {c.text ? (
        <View className="as-block">
          <Text className="as-muted">{t('after_sale.description')}</Text>
          <Text id="as-text" className="as-quote">
            {c.text}
          </Text>
        </View>
      ) : null}
      {c.photoUrls.length ? (
        <View className="as-block">
          <Text className="as-muted">{t('after_sale.photos')}</Text>
          <View id="as-photos" className="as-photos">
            {c.photoUrls.map((url, i) => (
              <View key={url} className="as-photo">
                <Picture className="as-photo__img" src={url} mode="aspectFill" alt={t('after_sale.photo_alt', { n: i + 1 })} />
              </View>
            ))}
          </View>
        </View>
      ) : null}
    </View>
  );
}

/** Every step: who, when, why; newest first. */
export function CaseHistory({ c, side = 'shopper' }: { c: AfterSale; side?: 'shopper' | 'store' }) {
  const { t } = useI18n();
  return (
    <View id="as-history" className="card as-section">
      <Text className="as-section__title">{t('after_sale.history')}</Text>
      <View role="list">
        {[...c.history].reverse().map((h, i) => (
          <View key={`${h.at}-${i}`} className={`as-step ${i === 0 ? 'as-step--now' : ''}`} role="listitem">
            <View className="as-step__dot" />
            <View className="as-step__body">
              <Text className="as-step__what">
                {statusText(h.to, side)} · {t(`after_sale.actor.${h.actor.kind}`)}
              </Text>
              <Text className="as-muted">{at(h.at)}</Text>
              {h.reason ? <Text className="as-step__reason">{h.reason}</Text> : null}
            </View>
          </View>
        ))}
      </View>
    </View>
  );
}

/** The case's number and dates, and its refund at WeChat Pay once there is one. */
export function CaseInfo({ c }: { c: AfterSale }) {
  const { lang, t } = useI18n();
  return (
    <View id="as-info" className="card as-section">
      <Text className="as-section__title">{t('after_sale.info')}</Text>
      <View className="as-kv">
        <Text className="as-muted">{t('after_sale.case_id')}</Text>
        <Text id="as-id" className="as-mono" selectable>
          {c.id}
        </Text>
      </View>
      <View className="as-kv">
        <Text className="as-muted">{t('after_sale.created_at')}</Text>
        <Text>{at(c.createdAt)}</Text>
      </View>
      {c.refund ? (
        <View className="as-kv">
          <Text className="as-muted">{t('after_sale.refund')}</Text>
          <Text id="as-refund-state">
            {t(`after_sale.refund_state.${c.refund.status}`)} · {formatMoney(c.refund.amount, lang)}
          </Text>
        </View>
      ) : null}
    </View>
  );
}
