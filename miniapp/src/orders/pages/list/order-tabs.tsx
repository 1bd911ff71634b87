import { View } from '@tarojs/components';
import { useI18n } from '../../../i18n';
import { LIST_TABS, type ListTab } from '../../lib/use-order-list';

/** All / to pay / to ship / to receive / done; each `#orders-tab-<tab>`. */
export function OrderTabs({ value, onChange }: { value: ListTab; onChange: (tab: ListTab) => void }) {
  const { t } = useI18n();
  return (
    <View className="o-tabs" role="tablist" aria-label={t('orders.tabs_label')}>
      {LIST_TABS.map((tab) => (
        <View
          key={tab}
          id={`orders-tab-${tab}`}
          className={`o-tabs__item ${tab === value ? 'o-tabs__item--on' : ''}`}
          role="tab"
          aria-selected={tab === value}
          onClick={() => tab !== value && onChange(tab)}
        >
          {t(`orders.tab.${tab}`)}
        </View>
      ))}
    </View>
  );
}
