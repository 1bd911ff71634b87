import { View } from '@tarojs/components';
import { LANGUAGES, type Language } from '@wxshop/shared';
import { LANGUAGE_NAMES, useI18n } from '../../i18n';

interface Props {
  value: Language;
  open: boolean;
  onToggle: () => void;
  onChange: (lang: Language) => void;
}

/** A settings row showing the language; tapping it unfolds the five choices. */
export function LanguagePicker({ value, open, onToggle, onChange }: Props) {
  const { t } = useI18n();
  return (
    <View>
      <View id="me-language" className="row" onClick={onToggle}>
        <View>{t('me.language')}</View>
        <View className="row__value">
          <View id="me-language-value" className="me__inline">
            {LANGUAGE_NAMES[value]}
          </View>
          <View className="row__chevron me__inline">{open ? '▴' : '▾'}</View>
        </View>
      </View>
      {open ? (
        <View id="lang-options" className="me__options" aria-label={t('me.choose_language')}>
          {LANGUAGES.map((lang) => (
            <View key={lang} id={`lang-option-${lang}`} className={`me__option ${lang === value ? 'me__option--active' : ''}`} onClick={() => onChange(lang)}>
              <View className="me__inline">{LANGUAGE_NAMES[lang]}</View>
              {lang === value ? <View className="me__inline me__check">✓</View> : null}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
