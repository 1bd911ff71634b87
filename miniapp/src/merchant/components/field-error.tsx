import { Text } from '@tarojs/components';
import type { MessageKey } from '@wxshop/shared';
import { useI18n } from '../../i18n';
import { errorUnder, type FieldErrors } from '../lib/product-form';

/** The message for a field (or anything under it, unless `exact`), shown under the field; nothing when it is fine. */
export function FieldError({ errors, path, id, exact }: { errors: FieldErrors; path: string; id?: string; exact?: boolean }) {
  const { t } = useI18n();
  const key: MessageKey | undefined = exact ? errors[path] : errorUnder(errors, path);
  if (!key) return null;
  return (
    <Text id={id ?? `err-${path.replace(/\./g, '-')}`} className="m-field-error">
      {t(key)}
    </Text>
  );
}
