import type { LayoutBlock, LayoutBlockInput, MerchantStatus } from '@wxshop/shared/merchants';
import { objectKeys } from '../lib/object-keys';

/**
 * Why the platform may not move a store from `from` to `to`, or null when it may.
 * Any status can go to any other, except: closed is final, and a change must change something.
 */
export function statusChangeProblem(from: MerchantStatus, to: MerchantStatus): string | null {
  if (from === 'closed') return 'A closed store stays closed';
  if (from === to) return `The store is already ${to}`;
  return null;
}

const duplicates = (ids: readonly string[]): string[] => [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];

/**
 * What is wrong with a store layout beyond its schema, as `{ "body.blocks.<i>.<field>": message }`
 * (empty when nothing is): images must be the store's own uploads, a banner links to a product or
 * a category but not both, and no block lists an id twice.
 */
export function layoutProblems(merchantId: string, blocks: readonly LayoutBlockInput[]): Record<string, string> {
  const problems: Record<string, string> = {};
  const ownImages = objectKeys.storeImages(merchantId);
  blocks.forEach((block, i) => {
    const at = `body.blocks.${i}`;
    if (block.type === 'banner') {
      if (!block.imageKey.startsWith(ownImages)) problems[`${at}.imageKey`] = 'not an image of this store';
      if (block.productId !== undefined && block.categoryId !== undefined) problems[at] = 'link to a product or a category, not both';
    } else if (block.type === 'featured_products') {
      const twice = duplicates(block.productIds);
      if (twice.length > 0) problems[`${at}.productIds`] = `listed twice: ${twice.join(', ')}`;
    } else {
      const twice = duplicates(block.categoryIds);
      if (twice.length > 0) problems[`${at}.categoryIds`] = `listed twice: ${twice.join(', ')}`;
    }
  });
  return problems;
}

/** Every category id a layout refers to. */
export const layoutCategoryIds = (blocks: readonly LayoutBlockInput[]): string[] => [
  ...new Set(blocks.flatMap((b) => (b.type === 'category_strip' ? b.categoryIds : b.type === 'banner' && b.categoryId ? [b.categoryId] : []))),
];

/** Every product a layout links to (banners and featured blocks). */
export const layoutProductIds = (blocks: readonly LayoutBlockInput[]): string[] => [
  ...new Set(blocks.flatMap((b) => (b.type === 'featured_products' ? b.productIds : b.type === 'banner' && b.productId ? [b.productId] : []))),
];

/** Every image key a layout uses. */
export const layoutImageKeys = (blocks: readonly LayoutBlockInput[]): string[] => [
  ...new Set(blocks.flatMap((b) => (b.type === 'banner' ? [b.imageKey] : []))),
];

/** A stored block as the API shows it: image URLs resolved, absent options as null. */
export function toLayoutBlock(block: LayoutBlockInput, imageUrl: (key: string) => string): LayoutBlock {
  if (block.type === 'banner')
    return {
      type: 'banner',
      imageKey: block.imageKey,
      imageUrl: imageUrl(block.imageKey),
      productId: block.productId ?? null,
      categoryId: block.categoryId ?? null,
    };
  if (block.type === 'featured_products') return { type: 'featured_products', title: block.title ?? null, productIds: block.productIds };
  return { type: 'category_strip', categoryIds: block.categoryIds };
}
