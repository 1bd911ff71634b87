import { View } from '@tarojs/components';
import { LANGUAGES, type Language } from '@wxshop/shared';
import { LANGUAGE_NAMES } from '../../i18n';

/** Switches which language the text fields edit; zh-CN is required (marked *), a dot marks languages with text. */
export function LangTabs({
  value,
  onChange,
  filled,
  idPrefix,
}: {
  value: Language;
  onChange: (l: Language) => void;
  filled: (l: Language) => boolean;
  idPrefix: string;
}) {
  return (
    <View className="m-lang-tabs">
      {LANGUAGES.map((l) => (
        <View
          key={l}
          id={`${idPrefix}-${l}`}
          className={`m-lang-tabs__item ${l === value ? 'm-lang-tabs__item--active' : ''} ${filled(l) ? 'm-lang-tabs__item--filled' : ''}`}
          onClick={() => onChange(l)}
        >
          {LANGUAGE_NAMES[l]}
          {l === 'zh-CN' ? ' *' : ''}
        </View>
      ))}
    </View>
  );
}
