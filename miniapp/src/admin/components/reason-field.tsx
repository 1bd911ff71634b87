import { Text, Textarea, View } from '@tarojs/components';
import { useI18n } from '../../i18n';
import { REASON_LIMITS, type ReasonKind, type ReasonProblem } from '../lib/reason';

/** A required reason the merchant will read: a textarea with a counter and the problem, if any. */
export function ReasonField({
  id,
  kind,
  value,
  problem,
  placeholder,
  label,
  onChange,
}: {
  id: string;
  kind: ReasonKind;
  value: string;
  problem: ReasonProblem | null;
  placeholder: string;
  /** The field's label when the reason is not (only) for the merchant. */
  label?: string;
  onChange: (value: string) => void;
}) {
  const { t } = useI18n();
  const { max } = REASON_LIMITS[kind];
  let message: string | null = null;
  if (problem?.problem === 'required') message = t('admin.reason_required');
  else if (problem?.problem === 'too_short') message = t('admin.reason_too_short', { min: problem.min });
  else if (problem?.problem === 'too_long') message = t('admin.reason_too_long', { max: problem.max });
  return (
    <View className="field">
      <Text className="field__label">{label ?? t('admin.reason_label')}</Text>
      <Textarea id={id} className="admin__textarea" value={value} maxlength={max + 50} placeholder={placeholder} onInput={(e) => onChange(e.detail.value)} />
      <View className="admin__reason-meta">
        {message ? (
          <Text id={`${id}-error`} className="form-error admin__reason-error">
            {message}
          </Text>
        ) : (
          <Text />
        )}
        <Text className="admin__counter">
          {[...value.trim()].length}/{max}
        </Text>
      </View>
    </View>
  );
}
