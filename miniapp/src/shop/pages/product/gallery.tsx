import Taro from '@tarojs/taro';
import { Swiper, SwiperItem, Text, View } from '@tarojs/components';
import { Picture } from '../../../components/picture';
import { useState } from 'react';
import { useI18n } from '../../../i18n';

/** The product's images, swiped; a tap opens the full-screen viewer. */
export function Gallery({ images, title }: { images: readonly string[]; title: string }) {
  const { t } = useI18n();
  const [index, setIndex] = useState(0);
  if (images.length === 0)
    return (
      <View id="product-gallery" className="product__gallery product__gallery--none">
        {t('shop.no_image')}
      </View>
    );
  return (
    <View id="product-gallery" className="product__gallery">
      <Swiper className="product__swiper" circular={images.length > 1} onChange={(e) => setIndex(e.detail.current)}>
        {images.map((src, i) => (
          <SwiperItem key={`${i}:${src}`}>
            <Picture
              alt={images.length > 1 ? `${title} (${i + 1}/${images.length})` : title}
              id={`product-image-${i}`}
              className="product__image"
              src={src}
              mode="aspectFill"
              onClick={() => void Taro.previewImage({ urls: [...images], current: src }).catch(() => undefined)}
            />
          </SwiperItem>
        ))}
      </Swiper>
      {images.length > 1 ? (
        <Text className="product__counter">
          {index + 1}/{images.length}
        </Text>
      ) : null}
    </View>
  );
}
