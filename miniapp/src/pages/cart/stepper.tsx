import { Text, View } from '@tarojs/components';
import { useI18n } from '../../i18n';

interface Props {
  id: string;
  value: number;
  max: number;
  disabled?: boolean;
  onChange: (next: number) => void;
}

/** − quantity + (`#<id>-minus`, `#<id>-value`, `#<id>-plus`); each tap is one change, bounded by 1 and `max`. */
export function Stepper({ id, value, max, disabled, onChange }: Props) {
  const { t } = useI18n();
  const canLess = !disabled && value > 1;
  const canMore = !disabled && value < max;
  return (
    <View id={id} className="stepper" role="group" aria-label={t('cart.quantity')}>
      <View
        id={`${id}-minus`}
        className={`stepper__button ${canLess ? '' : 'stepper__button--off'}`}
        role="button"
        aria-label={t('cart.decrease')}
        aria-disabled={!canLess || undefined}
        onClick={canLess ? () => onChange(value - 1) : undefined}
      >
        −
      </View>
      <Text id={`${id}-value`} className="stepper__value">
        {value}
      </Text>
      <View
        id={`${id}-plus`}
        className={`stepper__button ${canMore ? '' : 'stepper__button--off'}`}
        role="button"
        aria-label={t('cart.increase')}
        aria-disabled={!canMore || undefined}
        onClick={canMore ? () => onChange(value + 1) : undefined}
      >
        +
      </View>
    </View>
  );
}
