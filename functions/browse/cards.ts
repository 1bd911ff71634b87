import { localize, type Language } from '@wxshop/shared/i18n/languages';
import type { ProductCard } from '@wxshop/shared/catalog';
import { publicImageUrl } from '../merchants/uploads';
import type { IndexedCard } from './items';

/** An indexed card as the shopper sees it: texts in their language, the image as a URL. */
export function toProductCard(card: IndexedCard, lang: Language): ProductCard {
  return {
    id: card.productId,
    merchantId: card.merchantId,
    title: localize(card.title, lang),
    imageUrl: publicImageUrl(card.imageKey),
    price: card.price,
    // NOTE: market prices live on SKUs; cards show none until the catalog keeps one on the product.
    marketPrice: null,
    sales: card.sales,
    inStock: card.inStock,
    tags: card.tags,
  };
}
