import { localize, type Language, type LocalizedText } from '@wxshop/shared/i18n/languages';
import type { HomeBanner, HomeFeed } from '@wxshop/shared/api/browse';
import { getCategoryTree } from '../categories/categories';
import { publicImageUrl } from '../merchants/uploads';
import { keys } from '../lib/keys';
import { ListingItem } from './items';
import { toProductCard } from './cards';
import { queryAll } from '../lib/table-ops';

/** Products per home strip. */
export const HOME_STRIP = 10;

/**
 * Platform banners: static configuration until merchant campaigns (ads) fill the slot. Images live
 * under `platform/banners/` in the uploads bucket (the local demo seed draws them).
 */
export const PLATFORM_BANNERS: { id: string; title: LocalizedText; imageKey: string; link: HomeBanner['link'] }[] = [
  {
    id: 'spring-tea',
    title: { 'zh-CN': '春茶上新 明前好茶', en: 'New spring teas', es: 'Tés de primavera', fr: 'Thés de printemps', de: 'Frühlingstees' },
    imageKey: 'platform/banners/spring-tea.png',
    link: { type: 'search', value: '明前' },
  },
  {
    id: 'outdoor',
    title: { 'zh-CN': '户外装备 轻装出发', en: 'Outdoor gear: travel light', es: 'Equipo outdoor', fr: 'Équipement outdoor', de: 'Outdoor-Ausrüstung' },
    imageKey: 'platform/banners/outdoor.png',
    link: { type: 'search', value: '登山' },
  },
  {
    id: 'gifts',
    title: { 'zh-CN': '好礼相送 礼盒专区', en: 'Gift boxes', es: 'Cajas de regalo', fr: 'Coffrets cadeaux', de: 'Geschenkboxen' },
    imageKey: 'platform/banners/gifts.png',
    link: { type: 'search', value: '礼盒' },
  },
];

async function feed(name: 'NEW' | 'SALES') {
  const items = await queryAll(
    { KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.homeFeedPrefix(name).PK }, ScanIndexForward: false, Limit: HOME_STRIP },
    HOME_STRIP,
  );
  return items.map((i) => ListingItem.parse(i).card);
}

/** The home page: banners, top-level categories (AP27) and two feeds (AP54), read in parallel: one round trip. */
export async function getHome(lang: Language): Promise<HomeFeed> {
  const [tree, newest, best] = await Promise.all([getCategoryTree(), feed('NEW'), feed('SALES')]);
  return {
    banners: PLATFORM_BANNERS.map((b) => ({ id: b.id, title: localize(b.title, lang), imageUrl: publicImageUrl(b.imageKey) ?? '', link: b.link })),
    categories: tree.map((c) => ({ id: c.id, name: localize(c.name, lang), iconUrl: c.iconUrl })),
    newArrivals: newest.map((c) => toProductCard(c, lang)),
    bestSellers: best.map((c) => toProductCard(c, lang)),
  };
}
