import { Text, View } from '@tarojs/components';
import { Picture } from '../../components/picture';
import { useI18n } from '../../i18n';
import type { UploadedMedia } from '../lib/product-form';

interface Props {
  idPrefix: string;
  items: readonly UploadedMedia[];
  max: number;
  busy?: boolean;
  onAdd: () => void;
  onRemove: (i: number) => void;
  /** Reordering arrows; without it the order is fixed. */
  onMove?: (i: number, dir: -1 | 1) => void;
  addLabel?: string;
}

/** Uploaded images as thumbnails (remove, move left/right) with an "add" tile while there is room. */
export function MediaGrid({ idPrefix, items, max, busy, onAdd, onRemove, onMove, addLabel }: Props) {
  const { t } = useI18n();
  return (
    <View id={`${idPrefix}-grid`} className="m-media">
      {items.map((m, i) => (
        <View key={m.key} id={`${idPrefix}-item-${i}`} className="m-media__item">
          {m.url ? (
            <Picture alt="" className="m-media__img" src={m.url} mode="aspectFill" />
          ) : (
            <View className="m-media__img m-media__img--none">{t('merchant.upload.no_preview')}</View>
          )}
          {i === 0 && onMove ? <Text className="m-media__badge">{t('merchant.product.cover')}</Text> : null}
          <View className="m-media__bar">
            {onMove ? (
              <Text id={`${idPrefix}-left-${i}`} className={`m-media__btn ${i === 0 ? 'm-media__btn--off' : ''}`} onClick={() => i > 0 && onMove(i, -1)}>
                ‹
              </Text>
            ) : null}
            <Text id={`${idPrefix}-remove-${i}`} className="m-media__btn" onClick={() => onRemove(i)}>
              ×
            </Text>
            {onMove ? (
              <Text
                id={`${idPrefix}-right-${i}`}
                className={`m-media__btn ${i === items.length - 1 ? 'm-media__btn--off' : ''}`}
                onClick={() => i < items.length - 1 && onMove(i, 1)}
              >
                ›
              </Text>
            ) : null}
          </View>
        </View>
      ))}
      {items.length < max ? (
        <View id={`${idPrefix}-add`} className={`m-media__add ${busy ? 'm-media__add--busy' : ''}`} onClick={() => !busy && onAdd()}>
          <Text className="m-media__plus">{busy ? '…' : '+'}</Text>
          <Text className="m-media__count">{busy ? t('merchant.upload.uploading') : (addLabel ?? `${items.length}/${max}`)}</Text>
        </View>
      ) : null}
    </View>
  );
}
