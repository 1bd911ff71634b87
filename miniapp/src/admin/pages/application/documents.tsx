import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Picture } from '../../../components/picture';
import { useI18n } from '../../../i18n';

/** The licence and ID photos (short-lived signed links); a tap opens the full-size viewer. */
export function Documents({ urls }: { urls: string[] }) {
  const { t } = useI18n();
  return (
    <View id="application-documents" className="card">
      <View className="card__header">{t('admin.documents', { count: urls.length })}</View>
      {urls.length === 0 ? (
        <Text className="admin__muted">{t('admin.documents_none')}</Text>
      ) : (
        <View className="admin__images">
          {urls.map((url, i) => (
            <Picture
              alt={`${i + 1}`}
              key={url}
              id={`application-document-${i}`}
              className="admin__image"
              src={url}
              mode="aspectFill"
              onClick={() => void Taro.previewImage({ urls, current: url })}
            />
          ))}
        </View>
      )}
    </View>
  );
}
