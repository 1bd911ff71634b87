import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ImportReport, ImportRowError } from '@wxshop/shared';
import { useI18n } from '../../../i18n';
import { shortDateTime } from '../../lib/schedule';
import { merchantUrl } from '../../lib/use-merchant';

/** One import: counts, problems with the file, then each product accepted (open the draft) or refused (why, by line and column). */
export function ReportView({ report: r, merchantId }: { report: ImportReport; merchantId: string }) {
  const { t } = useI18n();
  const where = (e: ImportRowError) =>
    e.column ? t('merchant.import.at_line_column', { line: e.line, column: e.column }) : t('merchant.import.at_line', { line: e.line });
  return (
    <View id="import-report" className="card m-section">
      <View className="m-section__head">
        <Text className="m-section__title">{t('merchant.import.report')}</Text>
        <Text className="m-muted">{shortDateTime(r.createdAt)}</Text>
      </View>
      <View className="m-counts">
        <View className="m-count">
          <Text id="import-rows" className="m-count__n">
            {r.rows}
          </Text>
          <Text className="m-muted">{t('merchant.import.rows')}</Text>
        </View>
        <View className="m-count m-count--ok">
          <Text id="import-accepted" className="m-count__n">
            {r.accepted}
          </Text>
          <Text className="m-muted">{t('merchant.import.accepted')}</Text>
        </View>
        <View className="m-count m-count--bad">
          <Text id="import-refused" className="m-count__n">
            {r.refused}
          </Text>
          <Text className="m-muted">{t('merchant.import.refused')}</Text>
        </View>
      </View>
      {r.errors.length ? (
        <View id="import-file-errors" className="m-reason">
          <Text className="m-reason__label">{t('merchant.import.file_errors')}</Text>
          {r.errors.map((e, i) => (
            <Text key={i} className="m-reason__text">
              {where(e)}: {e.message}
            </Text>
          ))}
        </View>
      ) : null}
      {r.products.map((p) => (
        <View key={`${p.handle}-${p.lines.join()}`} id={`import-product-${p.handle}`} className={`m-result ${p.accepted ? 'm-result--ok' : 'm-result--bad'}`}>
          <View className="m-section__head">
            <Text className="m-block__title">
              {p.accepted ? '✓' : '✗'} {p.handle}
            </Text>
            <Text className="m-muted">
              {p.lines.length === 1 ? t('merchant.import.at_line', { line: p.lines[0]! }) : t('merchant.import.lines', { lines: p.lines.join(', ') })}
            </Text>
          </View>
          {p.accepted && p.productId ? (
            <Text className="m-link" onClick={() => void Taro.navigateTo({ url: merchantUrl('product-edit', merchantId, { productId: p.productId! }) })}>
              {t('merchant.import.open_draft')}
            </Text>
          ) : null}
          {p.errors.map((e, i) => (
            <Text key={i} className="m-result__error">
              {where(e)}: {e.message}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}
