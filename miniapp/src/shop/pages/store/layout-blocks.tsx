import { Text, View } from '@tarojs/components';
import { Picture } from '../../../components/picture';
import { useEffect } from 'react';
import { localize, type Category, type CategoryRoot, type LayoutBlock } from '@wxshop/shared';
import { ProductCards, ProductCardsSkeleton } from '../../../components/product-card';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { fetchCardsByIds, go, shopUrls } from '../../../services/browse';
import { errorText } from '../../../services/request';

type Banner = Extract<LayoutBlock, { type: 'banner' }>;
type Featured = Extract<LayoutBlock, { type: 'featured_products' }>;
type Strip = Extract<LayoutBlock, { type: 'category_strip' }>;

function flatten(roots: readonly CategoryRoot[]): Map<string, Category> {
  const map = new Map<string, Category>();
  for (const r of roots) {
    map.set(r.id, r);
    for (const b of r.children) {
      map.set(b.id, b);
      for (const l of b.children) map.set(l.id, l);
    }
  }
  return map;
}

function BannerBlock({ block, index, merchantId }: { block: Banner; index: number; merchantId: string }) {
  const open = () => {
    if (block.productId) go(shopUrls.product(block.productId));
    else if (block.categoryId) go(shopUrls.list({ categoryId: block.categoryId, merchantId }));
  };
  return (
    <View id={`store-block-${index}`} className="store__block" onClick={open}>
      <Picture alt="" className="store__block-banner" src={block.imageUrl} mode="aspectFill" />
    </View>
  );
}

function FeaturedBlock({ block, index }: { block: Featured; index: number }) {
  const { lang, t } = useI18n();
  const [cards, load] = useRemote(() => fetchCardsByIds(block.productIds));
  const key = block.productIds.join(',');
  useEffect(() => {
    void load();
  }, [key, lang, load]);
  if (cards.status === 'ok' && cards.data.length === 0) return null;
  return (
    <View id={`store-block-${index}`} className="store__block">
      <Text className="store__block-title">{block.title ? localize(block.title, lang) : t('shop.store_featured')}</Text>
      {cards.status === 'error' ? (
        <Text className="store__block-error" onClick={() => void load()}>
          {errorText(cards.error)} {t('common.retry')}
        </Text>
      ) : cards.status === 'ok' ? (
        <ProductCards items={cards.data} layout="grid" />
      ) : (
        <ProductCardsSkeleton layout="grid" count={2} />
      )}
    </View>
  );
}

function StripBlock({ block, index, merchantId, categories }: { block: Strip; index: number; merchantId: string; categories: Map<string, Category> }) {
  const { lang } = useI18n();
  const known = block.categoryIds.map((id) => categories.get(id)).filter((c): c is Category => !!c);
  if (known.length === 0) return null;
  return (
    <View id={`store-block-${index}`} className="store__block store__strip">
      {known.map((c) => {
        const name = localize(c.name, lang);
        return (
          <View
            key={c.id}
            id={`store-category-${c.id}`}
            className="chip store__strip-chip"
            onClick={() => go(shopUrls.list({ categoryId: c.id, merchantId, title: name }))}
          >
            {name}
          </View>
        );
      })}
    </View>
  );
}

/** The store's home layout, in the merchant's order: banners, featured products, category strips. */
export function LayoutBlocks({ blocks, merchantId, categories }: { blocks: readonly LayoutBlock[]; merchantId: string; categories: readonly CategoryRoot[] }) {
  const byId = flatten(categories);
  return (
    <View id="store-blocks">
      {blocks.map((block, i) =>
        block.type === 'banner' ? (
          <BannerBlock key={i} block={block} index={i} merchantId={merchantId} />
        ) : block.type === 'featured_products' ? (
          <FeaturedBlock key={i} block={block} index={i} />
        ) : (
          <StripBlock key={i} block={block} index={i} merchantId={merchantId} categories={byId} />
        ),
      )}
    </View>
  );
}
