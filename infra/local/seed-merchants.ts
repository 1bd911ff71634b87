/** Demo categories and store profiles, seeded through the same services the API uses. Safe to run on every start. */
import type { LayoutBlockInput } from '@wxshop/shared/merchants';
import type { LocalizedText } from '@wxshop/shared/i18n/languages';
import { createCategory, getCategory } from '../../functions/categories/categories';
import { backfillMerchant, getMerchant } from '../../functions/merchants/merchants';
import { getStoreProfile, updateStoreLayout, updateStoreProfile } from '../../functions/merchants/store';
import { NotFoundError } from '../../functions/lib/errors';

/** Fixed, readable category ids (valid ULIDs): 01JC + the node number, e.g. tea 100, green tea 110, Longjing 111. */
export const categoryId = (n: number): string => `01JC${String(n).padStart(22, '0')}`;

interface Node {
  n: number;
  name: LocalizedText;
  children?: Node[];
}

const t = (zh: string, en: string, es: string, fr: string, de: string): LocalizedText => ({ 'zh-CN': zh, en, es, fr, de });

/** Eight top-level categories of a Chinese shop, two to four children each, some with a third level. Products sit on leaves. */
export const DEMO_CATEGORIES: Node[] = [
  {
    n: 100,
    name: t('茶叶', 'Tea', 'Té', 'Thé', 'Tee'),
    children: [
      {
        n: 110,
        name: t('绿茶', 'Green tea', 'Té verde', 'Thé vert', 'Grüner Tee'),
        children: [
          { n: 111, name: t('龙井', 'Longjing', 'Longjing', 'Longjing', 'Longjing') },
          { n: 112, name: t('碧螺春', 'Biluochun', 'Biluochun', 'Biluochun', 'Biluochun') },
        ],
      },
      { n: 120, name: t('红茶', 'Black tea', 'Té negro', 'Thé noir', 'Schwarzer Tee') },
      { n: 130, name: t('乌龙茶', 'Oolong tea', 'Té oolong', 'Thé oolong', 'Oolong-Tee') },
      { n: 140, name: t('普洱茶', 'Pu-erh tea', 'Té pu-erh', 'Thé pu-erh', 'Pu-Erh-Tee') },
    ],
  },
  {
    n: 200,
    name: t('服饰', 'Apparel', 'Ropa', 'Vêtements', 'Bekleidung'),
    children: [
      {
        n: 210,
        name: t('女装', "Women's clothing", 'Ropa de mujer', 'Vêtements femme', 'Damenmode'),
        children: [
          { n: 211, name: t('连衣裙', 'Dresses', 'Vestidos', 'Robes', 'Kleider') },
          { n: 212, name: t('旗袍', 'Qipao', 'Qipao', 'Qipao', 'Qipao') },
        ],
      },
      { n: 220, name: t('男装', "Men's clothing", 'Ropa de hombre', 'Vêtements homme', 'Herrenmode') },
      { n: 230, name: t('汉服', 'Hanfu', 'Hanfu', 'Hanfu', 'Hanfu') },
    ],
  },
  {
    n: 300,
    name: t('户外', 'Outdoor', 'Aire libre', 'Plein air', 'Outdoor'),
    children: [
      { n: 310, name: t('帐篷', 'Tents', 'Tiendas de campaña', 'Tentes', 'Zelte') },
      { n: 320, name: t('睡袋', 'Sleeping bags', 'Sacos de dormir', 'Sacs de couchage', 'Schlafsäcke') },
      { n: 330, name: t('登山鞋', 'Hiking boots', 'Botas de montaña', 'Chaussures de randonnée', 'Wanderschuhe') },
      {
        n: 340,
        name: t('背包', 'Backpacks', 'Mochilas', 'Sacs à dos', 'Rucksäcke'),
        children: [
          { n: 341, name: t('登山包', 'Trekking packs', 'Mochilas de trekking', 'Sacs de trekking', 'Trekkingrucksäcke') },
          { n: 342, name: t('腰包', 'Waist packs', 'Riñoneras', 'Sacs banane', 'Hüfttaschen') },
        ],
      },
    ],
  },
  {
    n: 400,
    name: t('数码', 'Electronics', 'Electrónica', 'Électronique', 'Elektronik'),
    children: [
      {
        n: 410,
        name: t('手机配件', 'Phone accessories', 'Accesorios para móviles', 'Accessoires de téléphone', 'Handyzubehör'),
        children: [
          { n: 411, name: t('手机壳', 'Phone cases', 'Fundas', 'Coques', 'Handyhüllen') },
          { n: 412, name: t('数据线', 'Cables', 'Cables', 'Câbles', 'Kabel') },
        ],
      },
      { n: 420, name: t('耳机', 'Headphones', 'Auriculares', 'Écouteurs', 'Kopfhörer') },
      { n: 430, name: t('充电宝', 'Power banks', 'Baterías externas', 'Batteries externes', 'Powerbanks') },
    ],
  },
  {
    n: 500,
    name: t('美妆', 'Beauty', 'Belleza', 'Beauté', 'Schönheit'),
    children: [
      {
        n: 510,
        name: t('护肤', 'Skincare', 'Cuidado de la piel', 'Soins de la peau', 'Hautpflege'),
        children: [
          { n: 511, name: t('面膜', 'Face masks', 'Mascarillas', 'Masques', 'Gesichtsmasken') },
          { n: 512, name: t('精华', 'Serums', 'Sérums', 'Sérums', 'Seren') },
        ],
      },
      { n: 520, name: t('彩妆', 'Makeup', 'Maquillaje', 'Maquillage', 'Make-up') },
    ],
  },
  {
    n: 600,
    name: t('食品', 'Food', 'Alimentos', 'Alimentation', 'Lebensmittel'),
    children: [
      { n: 610, name: t('零食', 'Snacks', 'Aperitivos', 'En-cas', 'Snacks') },
      { n: 620, name: t('调味品', 'Condiments', 'Condimentos', 'Condiments', 'Gewürze') },
      { n: 630, name: t('月饼', 'Mooncakes', 'Pasteles de luna', 'Gâteaux de lune', 'Mondkuchen') },
    ],
  },
  {
    n: 700,
    name: t('家居', 'Home', 'Hogar', 'Maison', 'Zuhause'),
    children: [
      { n: 710, name: t('茶具', 'Tea sets', 'Juegos de té', 'Services à thé', 'Teeservice') },
      { n: 720, name: t('收纳', 'Storage', 'Almacenamiento', 'Rangement', 'Aufbewahrung') },
      { n: 730, name: t('床品', 'Bedding', 'Ropa de cama', 'Linge de lit', 'Bettwäsche') },
    ],
  },
  {
    n: 800,
    name: t('母婴', 'Baby', 'Bebé', 'Bébé', 'Baby'),
    children: [
      { n: 810, name: t('奶粉', 'Infant formula', 'Leche de fórmula', 'Lait infantile', 'Säuglingsnahrung') },
      { n: 820, name: t('纸尿裤', 'Diapers', 'Pañales', 'Couches', 'Windeln') },
      { n: 830, name: t('玩具', 'Toys', 'Juguetes', 'Jouets', 'Spielzeug') },
    ],
  },
];

async function exists(id: string): Promise<boolean> {
  try {
    await getCategory(id);
    return true;
  } catch (err) {
    if (err instanceof NotFoundError) return false;
    throw err;
  }
}

/** Creates the demo categories that are missing, parents first, ordered as listed. Returns how many it created. */
export async function seedCategories(): Promise<number> {
  let created = 0;
  const walk = async (nodes: Node[], parentId: string | null): Promise<void> => {
    for (const [i, node] of nodes.entries()) {
      const id = categoryId(node.n);
      if (!(await exists(id))) {
        await createCategory({ parentId, name: node.name, order: (i + 1) * 10 }, { id });
        created += 1;
      }
      await walk(node.children ?? [], id);
    }
  };
  await walk(DEMO_CATEGORIES, null);
  return created;
}

/** Store intros and home layouts of the demo merchants; images (logo, banner) are left for the catalog seed. */
export const DEMO_STORES: { id: string; intro: LocalizedText; blocks: LayoutBlockInput[] }[] = [
  {
    id: '01HZZZZZZZZZZZZZZZZZZZZZZA',
    intro: t(
      '杭州西湖边的百年茶舍，明前龙井、碧螺春产地直发。',
      'A century-old tea house by West Lake in Hangzhou: pre-Qingming Longjing and Biluochun shipped from the gardens.',
      'Una casa de té centenaria junto al Lago del Oeste en Hangzhou: Longjing y Biluochun directos de las plantaciones.',
      'Une maison de thé centenaire au bord du lac de l’Ouest à Hangzhou : Longjing et Biluochun expédiés des jardins.',
      'Ein hundertjähriges Teehaus am Westsee in Hangzhou: Longjing und Biluochun direkt aus den Teegärten.',
    ),
    blocks: [{ type: 'category_strip', categoryIds: [categoryId(111), categoryId(112), categoryId(120), categoryId(130), categoryId(140), categoryId(710)] }],
  },
  {
    id: '01HZZZZZZZZZZZZZZZZZZZZZZB',
    intro: t(
      '专业户外装备：帐篷、睡袋、登山鞋，陪你走遍山野。',
      'Serious outdoor gear: tents, sleeping bags and hiking boots for every trail.',
      'Equipo de montaña serio: tiendas, sacos de dormir y botas para cada sendero.',
      'Du matériel de plein air sérieux : tentes, sacs de couchage et chaussures pour chaque sentier.',
      'Ernsthafte Outdoor-Ausrüstung: Zelte, Schlafsäcke und Wanderschuhe für jeden Weg.',
    ),
    blocks: [{ type: 'category_strip', categoryIds: [categoryId(310), categoryId(320), categoryId(330), categoryId(341), categoryId(342)] }],
  },
];

/** Gives each demo merchant its intro and layout once (a merchant's own later edits are kept). */
export async function seedStoreProfiles(): Promise<number> {
  let updated = 0;
  for (const store of DEMO_STORES) {
    try {
      await getMerchant(store.id);
    } catch (err) {
      if (err instanceof NotFoundError) continue;
      throw err;
    }
    await backfillMerchant(store.id);
    const profile = await getStoreProfile(store.id);
    if (profile.intro === null) {
      await updateStoreProfile(store.id, { intro: store.intro });
      updated += 1;
    }
    if (profile.blocks.length === 0) await updateStoreLayout(store.id, store.blocks);
  }
  return updated;
}
