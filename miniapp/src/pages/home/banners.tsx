import { Swiper, SwiperItem, Text, View } from '@tarojs/components';
import { Picture } from '../../components/picture';
import { useState } from 'react';
import type { HomeBanner } from '@wxshop/shared';
import { go, shopUrls } from '../../services/browse';

function open(banner: HomeBanner): void {
  const { type, value } = banner.link;
  if (type === 'category') go(shopUrls.list({ categoryId: value, title: banner.title }));
  else if (type === 'store') go(shopUrls.store(value));
  else if (type === 'product') go(shopUrls.product(value));
  else go(shopUrls.search({ q: value }));
}

/** The home carousel; each banner opens what it links to. */
export function Banners({ banners }: { banners: readonly HomeBanner[] }) {
  // A banner whose image fails to load still shows its title on a plain background.
  const [broken, setBroken] = useState<ReadonlySet<string>>(new Set());
  if (banners.length === 0) return null;
  return (
    <View id="home-banners" className="home__banners">
      <Swiper className="home__swiper" circular autoplay={banners.length > 1} interval={4000} indicatorDots={banners.length > 1} indicatorActiveColor="#ffffff">
        {banners.map((b) => (
          <SwiperItem key={b.id}>
            <View id={`home-banner-${b.id}`} className="home__banner" onClick={() => open(b)}>
              {broken.has(b.id) ? (
                <View className="home__banner-fallback" />
              ) : (
                <Picture
                  alt={b.title ?? ''}
                  className="home__banner-image"
                  src={b.imageUrl}
                  mode="aspectFill"
                  onError={() => setBroken((s) => new Set(s).add(b.id))}
                />
              )}
              {b.title ? <Text className="home__banner-title">{b.title}</Text> : null}
            </View>
          </SwiperItem>
        ))}
      </Swiper>
    </View>
  );
}
