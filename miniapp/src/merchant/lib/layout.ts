/** The store home layout editor: blocks as edited, and the body of PUT /store/layout. */
import type { LayoutBlock, LayoutBlockInput } from '@wxshop/shared';
import { MAX_FEATURED_PRODUCTS, MAX_LAYOUT_BLOCKS, MAX_STRIP_CATEGORIES } from '@wxshop/shared';

/** A block being edited (a banner keeps the URL to show its image). */
export type BlockDraft =
  | { type: 'banner'; imageKey: string | null; imageUrl: string | null }
  | { type: 'featured_products'; title: string; productIds: string[] }
  | { type: 'category_strip'; categoryIds: string[] };

export type BlockType = BlockDraft['type'];
export const BLOCK_TYPES: readonly BlockType[] = ['banner', 'featured_products', 'category_strip'];

export function draftFromBlock(b: LayoutBlock): BlockDraft {
  if (b.type === 'banner') return { type: 'banner', imageKey: b.imageKey, imageUrl: b.imageUrl };
  if (b.type === 'featured_products') return { type: 'featured_products', title: b.title?.['zh-CN'] ?? '', productIds: [...b.productIds] };
  return { type: 'category_strip', categoryIds: [...b.categoryIds] };
}

export function newBlock(type: BlockType): BlockDraft {
  if (type === 'banner') return { type, imageKey: null, imageUrl: null };
  if (type === 'featured_products') return { type, title: '', productIds: [] };
  return { type, categoryIds: [] };
}

export function canAddBlock(blocks: readonly BlockDraft[]): boolean {
  return blocks.length < MAX_LAYOUT_BLOCKS;
}

/** Adds or removes an id in a list capped at `max` (featured products, strip categories). */
export function toggleId(ids: readonly string[], id: string, max: number): string[] {
  if (ids.includes(id)) return ids.filter((x) => x !== id);
  return ids.length >= max ? [...ids] : [...ids, id];
}
export const maxIdsOf = (type: 'featured_products' | 'category_strip') => (type === 'featured_products' ? MAX_FEATURED_PRODUCTS : MAX_STRIP_CATEGORIES);

/**
 * The blocks as the API takes them; the index of every incomplete block (a banner without image, a list
 * without items) is returned instead, so the page can point at them.
 */
export function layoutInput(blocks: readonly BlockDraft[]): { blocks: LayoutBlockInput[] } | { incomplete: number[] } {
  const incomplete: number[] = [];
  const out: LayoutBlockInput[] = [];
  blocks.forEach((b, i) => {
    if (b.type === 'banner') {
      if (!b.imageKey) incomplete.push(i);
      else out.push({ type: 'banner', imageKey: b.imageKey });
    } else if (b.type === 'featured_products') {
      if (b.productIds.length === 0) incomplete.push(i);
      else out.push({ type: 'featured_products', productIds: b.productIds, ...(b.title.trim() ? { title: { 'zh-CN': b.title.trim() } } : {}) });
    } else if (b.categoryIds.length === 0) incomplete.push(i);
    else out.push({ type: 'category_strip', categoryIds: b.categoryIds });
  });
  return incomplete.length ? { incomplete } : { blocks: out };
}
