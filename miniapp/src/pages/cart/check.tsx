import { View } from '@tarojs/components';

interface Props {
  id: string;
  checked: boolean;
  label: string;
  disabled?: boolean;
  onToggle: () => void;
}

/** A round check box (`data-checked`), named for screen readers. */
export function Check({ id, checked, label, disabled, onToggle }: Props) {
  return (
    <View
      id={id}
      className={`check ${checked ? 'check--on' : ''} ${disabled ? 'check--off' : ''}`}
      role="checkbox"
      aria-checked={checked}
      aria-label={label}
      aria-disabled={disabled || undefined}
      data-checked={checked ? 'true' : 'false'}
      onClick={disabled ? undefined : onToggle}
    >
      {checked ? '✓' : ''}
    </View>
  );
}
