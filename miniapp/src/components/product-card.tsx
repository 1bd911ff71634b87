import { Text, View } from '@tarojs/components';
import { Picture } from './picture';
import type { ReactNode } from 'react';
import { formatMoney, type Language, type Money, type ProductCard } from '@wxshop/shared';
import { useI18n } from '../i18n';
import { go, shopUrls, type ProductLayout } from '../services/browse';
import './product-card.scss';

/** A price in the shopper's language, e.g. `¥99.00` (integer minor units in, never a float). */
export function priceText(m: Money, lang: Language): string {
  return formatMoney(m, lang);
}

/** 12345 -> "1.2万" / "12K" where the runtime knows compact numbers, else the plain number. */
export function countText(n: number, lang: Language): string {
  try {
    return new Intl.NumberFormat(lang, { notation: 'compact', maximumFractionDigits: 1 }).format(n);
  } catch {
    return String(n);
  }
}

interface CardProps {
  card: ProductCard;
  layout: ProductLayout;
  /** Greys the card out (a favourite that is no longer on sale) and says why. */
  unavailable?: boolean;
  /** Extra content under the price (e.g. "viewed on" and a remove button). */
  footer?: ReactNode;
  /** Load the image at once (a card on the first screen: lazy loading would delay the largest paint). */
  eager?: boolean;
}

/** One product: image, title, price, struck-through market price, sales. Tap opens the product. */
export function ProductCardView({ card, layout, unavailable, footer, eager }: CardProps) {
  const { lang, t } = useI18n();
  const market = card.marketPrice && card.marketPrice.currency === card.price.currency && card.marketPrice.amount > card.price.amount ? card.marketPrice : null;
  return (
    <View
      id={`product-card-${card.id}`}
      className={`product-card product-card--${layout} ${unavailable ? 'product-card--unavailable' : ''}`}
      onClick={() => go(shopUrls.product(card.id))}
    >
      <View className="product-card__media">
        {card.imageUrl ? (
          <Picture alt={card.title} className="product-card__image" src={card.imageUrl} mode="aspectFill" lazyLoad={!eager} />
        ) : (
          <View className="product-card__image product-card__image--none">{t('shop.no_image')}</View>
        )}
        {unavailable ? (
          <View className="product-card__badge">{t('shop.off_sale')}</View>
        ) : !card.inStock ? (
          <View className="product-card__badge">{t('shop.out_of_stock')}</View>
        ) : null}
      </View>
      <View className="product-card__body">
        <Text className="product-card__title">{card.title}</Text>
        {/* An empty tag row in the grid keeps prices of neighbouring cards on one line. */}
        {card.tags.length > 0 || layout === 'grid' ? (
          <View className="product-card__tags">
            {card.tags.slice(0, 2).map((tag) => (
              <Text key={tag} className="product-card__tag">
                {tag}
              </Text>
            ))}
          </View>
        ) : null}
        <View className="product-card__prices">
          <Text className="product-card__price">{priceText(card.price, lang)}</Text>
          {market ? <Text className="product-card__market">{priceText(market, lang)}</Text> : null}
        </View>
        <Text className="product-card__sales">{t('shop.sold', { count: countText(card.sales, lang) })}</Text>
        {footer}
      </View>
    </View>
  );
}

/** The cards a phone shows before scrolling (two rows of the grid): their images load at once. */
const FIRST_SCREEN_CARDS = 4;

/** Cards in a two-column grid or a one-column list. */
export function ProductCards({ items, layout, id }: { items: readonly ProductCard[]; layout: ProductLayout; id?: string }) {
  return (
    <View id={id} className={`product-cards product-cards--${layout}`}>
      {items.map((card, i) => (
        <ProductCardView key={card.id} card={card} layout={layout} eager={i < FIRST_SCREEN_CARDS} />
      ))}
    </View>
  );
}

/** Grey placeholders in the shape of the cards while the first page loads. */
export function ProductCardsSkeleton({ layout, count = 4, id }: { layout: ProductLayout; count?: number; id?: string }) {
  return (
    <View id={id} className={`product-cards product-cards--${layout}`}>
      {Array.from({ length: count }, (_, i) => (
        <View key={i} className={`product-card product-card--${layout} product-card--skeleton`}>
          <View className="product-card__media">
            <View className="product-card__image skeleton" />
          </View>
          <View className="product-card__body">
            <View className="skeleton skeleton--line" />
            <View className="skeleton skeleton--line skeleton--short" />
            <View className="skeleton skeleton--price" />
          </View>
        </View>
      ))}
    </View>
  );
}
