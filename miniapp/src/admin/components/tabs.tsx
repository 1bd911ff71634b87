import { View } from '@tarojs/components';

/** A segmented filter (status tabs); every option gets `#<idPrefix>-<value>`. */
export function Tabs<T extends string>({
  idPrefix,
  options,
  value,
  label,
  onChange,
}: {
  idPrefix: string;
  options: readonly T[];
  value: T;
  label: (v: T) => string;
  onChange: (v: T) => void;
}) {
  return (
    <View className="segmented admin__tabs">
      {options.map((option) => (
        <View
          key={option}
          id={`${idPrefix}-${option}`}
          className={`segmented__item ${option === value ? 'segmented__item--active' : ''}`}
          onClick={() => option !== value && onChange(option)}
        >
          {label(option)}
        </View>
      ))}
    </View>
  );
}
