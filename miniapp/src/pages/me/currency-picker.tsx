import { View } from '@tarojs/components';
import type { Currency } from '@wxshop/shared';
import { useI18n } from '../../i18n';
import { CURRENCY_CODES } from '../../services/preferences';

interface Props {
  value: Currency;
  open: boolean;
  onToggle: () => void;
  onChange: (currency: Currency) => void;
}

/** The display currency preference (prices are always charged in the merchant's currency). */
export function CurrencyPicker({ value, open, onToggle, onChange }: Props) {
  const { t } = useI18n();
  return (
    <View>
      <View id="me-currency" className="row" onClick={onToggle}>
        <View>{t('me.currency')}</View>
        <View className="row__value">
          <View id="me-currency-value" className="me__inline">
            {value} · {t(`currency.${value}`)}
          </View>
          <View className="row__chevron me__inline">{open ? '▴' : '▾'}</View>
        </View>
      </View>
      {open ? (
        <View id="currency-options" className="me__options" aria-label={t('me.choose_currency')}>
          {CURRENCY_CODES.map((code) => (
            <View
              key={code}
              id={`currency-option-${code}`}
              className={`me__option ${code === value ? 'me__option--active' : ''}`}
              onClick={() => onChange(code)}
            >
              <View className="me__inline">
                {code} · {t(`currency.${code}`)}
              </View>
              {code === value ? <View className="me__inline me__check">✓</View> : null}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
