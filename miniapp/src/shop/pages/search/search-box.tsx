import { Button, Input, Text, View } from '@tarojs/components';
import { useI18n } from '../../../i18n';

interface Props {
  value: string;
  onInput: (value: string) => void;
  onSubmit: () => void;
}

/** The keyword field (any language; the keyboard's search key submits) and its search button. */
export function SearchBox({ value, onInput, onSubmit }: Props) {
  const { t } = useI18n();
  return (
    <View className="search__box">
      <View className="search__field">
        <Text className="search__icon">⌕</Text>
        <Input
          id="search-input"
          className="search__input"
          value={value}
          focus={!value}
          maxlength={64}
          confirmType="search"
          placeholder={t('shop.search_placeholder')}
          onInput={(e) => onInput(e.detail.value)}
          onConfirm={onSubmit}
        />
        {value ? (
          <Text id="search-clear" className="search__clear" onClick={() => onInput('')}>
            ×
          </Text>
        ) : null}
      </View>
      <Button id="search-submit" className="btn btn--primary btn--small search__submit" onClick={onSubmit}>
        {t('shop.search_button')}
      </Button>
    </View>
  );
}
