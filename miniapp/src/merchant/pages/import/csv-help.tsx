import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { useI18n } from '../../../i18n';
import { CSV_COLUMNS, REQUIRED_CSV_COLUMNS } from '../../lib/csv-help';

/** The format: rules and every column (required ones marked), folded by default. */
export function CsvHelp() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <View id="import-help" className="card m-section">
      <View id="import-help-toggle" className="m-section__head" onClick={() => setOpen(!open)}>
        <Text className="m-section__title">{t('merchant.import.format')}</Text>
        <Text className="row__chevron">{open ? '▾' : '›'}</Text>
      </View>
      <Text className="m-help">{t('merchant.import.rules')}</Text>
      {open ? (
        <View id="import-columns">
          <Text className="m-help">{t('merchant.import.rules_more')}</Text>
          <View className="m-chips">
            {CSV_COLUMNS.map((c) => (
              <Text key={c} className={`m-code ${REQUIRED_CSV_COLUMNS.includes(c) ? 'm-code--req' : ''}`}>
                {c}
                {REQUIRED_CSV_COLUMNS.includes(c) ? ' *' : ''}
              </Text>
            ))}
          </View>
          <Text className="m-help">{t('merchant.import.sample_file')}</Text>
        </View>
      ) : null}
    </View>
  );
}
