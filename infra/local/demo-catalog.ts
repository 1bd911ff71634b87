/**
 * The demo catalog: ~300 products of the two demo merchants across the demo categories
 * (infra/local/seed-merchants.ts), with Chinese titles and English translations, 1-3 spec dimensions,
 * prices, stock, sales and drawn images in local S3. Products go through the catalog's own services
 * (create -> submit -> approve), then are indexed with the search consumer's own function, so the
 * stack is browsable the moment it says it is ready; the stream then redelivers the same events,
 * which find the index up to date. Idempotent: products are recognised by their fixed SKU codes.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { LayoutBlockInput } from '@wxshop/shared/merchants';
import type { LocalizedText } from '@wxshop/shared/i18n/languages';
import type { ProductContentInput, SkuInput, SpecDimension } from '@wxshop/shared/catalog';
import { approveProduct, createProduct, submitProduct } from '../../functions/catalog/products';
import { ProductItem, SkuCodeItem } from '../../functions/catalog/items';
import { getStoreProfile, updateStoreLayout, updateStoreProfile } from '../../functions/merchants/store';
import { reindexAll, reindexProduct } from '../../functions/browse/indexer';
import { PLATFORM_BANNERS } from '../../functions/browse/home';
import { batchGet, keyString, queryAll } from '../../functions/lib/table-ops';
import { putObject } from '../../functions/lib/storage';
import { db, tableName } from '../../functions/lib/table';
import { keys } from '../../functions/lib/keys';
import { categoryId } from './seed-merchants';
import { bannerImage, hsl, productImage, type Rgb, type ShapeName } from './demo-images';
import { objectKeys, uploadKey } from '../../functions/lib/object-keys';

const TEA = '01HZZZZZZZZZZZZZZZZZZZZZZA';
const OUTDOOR = '01HZZZZZZZZZZZZZZZZZZZZZZB';
type Pair = [zh: string, en: string];
const text = ([zh, en]: Pair): LocalizedText => ({ 'zh-CN': zh, en });

// ---------------------------------------------------------------- deterministic randomness
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------- spec dimensions
interface Value {
  name: Pair;
  /** Added to the base price, as a fraction of it. */
  extra?: number;
  /** For colour values: the colour drawn. */
  rgb?: Rgb;
}
interface Dimension {
  name: Pair;
  values: Value[];
  /** How many values a product takes (a random subset, in order); all when absent. */
  pick?: number;
}

const colour = (zh: string, en: string, h: number, s: number, l: number): Value => ({ name: [zh, en], rgb: hsl(h, s, l) });
const COLOURS: Value[] = [
  colour('红色', 'Red', 356, 0.65, 0.45),
  colour('藏青', 'Navy', 222, 0.55, 0.3),
  colour('黑色', 'Black', 220, 0.1, 0.18),
  colour('米白', 'Ivory', 40, 0.45, 0.82),
  colour('墨绿', 'Forest green', 150, 0.45, 0.3),
  colour('天蓝', 'Sky blue', 200, 0.65, 0.55),
  colour('樱粉', 'Blossom pink', 345, 0.6, 0.72),
  colour('姜黄', 'Turmeric', 42, 0.75, 0.5),
  colour('橙色', 'Orange', 24, 0.85, 0.55),
  colour('雾紫', 'Lavender', 270, 0.35, 0.6),
  colour('卡其', 'Khaki', 38, 0.3, 0.55),
  colour('灰色', 'Grey', 210, 0.08, 0.55),
];
const dim = (name: Pair, values: (Pair | Value)[], pick?: number): Dimension => ({
  name,
  values: values.map((v) => (Array.isArray(v) ? { name: v } : v)),
  pick,
});
const plus = (name: Pair, extra: number): Value => ({ name, extra });

const D = {
  teaSize: dim(
    ['规格', 'Size'],
    [plus(['100g罐装', '100g tin'], 0), plus(['250g礼盒', '250g gift box'], 1.2), plus(['500g家庭装', '500g family pack'], 2.8)],
    2,
  ),
  colour: (pick: number) => dim(['颜色', 'Colour'], COLOURS, pick),
  clothes: dim(
    ['尺码', 'Size'],
    [
      ['S', 'S'],
      ['M', 'M'],
      ['L', 'L'],
      ['XL', 'XL'],
    ],
  ),
  shoes: dim(
    ['尺码', 'Size'],
    [
      ['39', 'EU 39'],
      ['40', 'EU 40'],
      ['41', 'EU 41'],
      ['42', 'EU 42'],
      ['43', 'EU 43'],
      ['44', 'EU 44'],
    ],
    5,
  ),
  people: dim(['人数', 'Capacity'], [plus(['2人', '2 people'], 0), plus(['3-4人', '3-4 people'], 0.45)]),
  battery: dim(['容量', 'Capacity'], [plus(['10000mAh', '10,000 mAh'], 0), plus(['20000mAh', '20,000 mAh'], 0.5)]),
  model: dim(
    ['适用机型', 'Phone model'],
    [
      ['iPhone 15', 'iPhone 15'],
      ['iPhone 15 Pro', 'iPhone 15 Pro'],
      ['华为 Mate 60', 'Huawei Mate 60'],
      ['小米 14', 'Xiaomi 14'],
    ],
    3,
  ),
  length: dim(['长度', 'Length'], [plus(['1米', '1 m'], 0), plus(['2米', '2 m'], 0.25)]),
  port: dim(
    ['接口', 'Connector'],
    [
      ['USB-C', 'USB-C'],
      ['Lightning', 'Lightning'],
    ],
  ),
  volume: dim(['容量', 'Volume'], [plus(['30ml', '30 ml'], 0), plus(['50ml', '50 ml'], 0.55)]),
  pieces: dim(['规格', 'Pack'], [plus(['6只装', '6 pieces'], 0), plus(['8只装', '8 pieces'], 0.3)]),
  flavour: dim(
    ['口味', 'Flavour'],
    [
      ['原味', 'Original'],
      ['抹茶', 'Matcha'],
      ['桂花', 'Osmanthus'],
      ['红豆', 'Red bean'],
    ],
    3,
  ),
  jar: dim(['规格', 'Size'], [plus(['250g', '250 g'], 0), plus(['500g', '500 g'], 0.7)]),
  hanfuSet: dim(['款式', 'Style'], [plus(['上衣+裙', 'Top and skirt'], 0), plus(['全套含披风', 'Full set with cape'], 0.5)]),
  temperature: dim(['舒适温度', 'Comfort rating'], [plus(['0°C', '0 °C'], 0), plus(['-10°C', '-10 °C'], 0.35)]),
  bed: dim(['尺寸', 'Bed size'], [plus(['1.5米床', '150 cm bed'], 0), plus(['1.8米床', '180 cm bed'], 0.2)]),
  stage: dim(
    ['段数', 'Stage'],
    [
      ['1段', 'Stage 1'],
      ['2段', 'Stage 2'],
      ['3段', 'Stage 3'],
    ],
  ),
  diaper: dim(
    ['尺码', 'Size'],
    [
      ['S', 'S'],
      ['M', 'M'],
      ['L', 'L'],
      ['XL', 'XL'],
    ],
  ),
  setSize: dim(['件数', 'Pieces'], [plus(['单只', 'Single'], 0), plus(['两只装', 'Pair'], 0.8)]),
  shade: dim(
    ['色号', 'Shade'],
    [
      colour('正红', 'Classic red', 355, 0.75, 0.42),
      colour('豆沙', 'Rose nude', 5, 0.35, 0.55),
      colour('枫叶', 'Maple', 15, 0.65, 0.4),
      colour('珊瑚', 'Coral', 10, 0.75, 0.62),
    ],
    3,
  ),
};

// ---------------------------------------------------------------- the catalog, by leaf category
interface Leaf {
  category: number;
  merchant: string;
  shape: ShapeName;
  /** Default hue of the object when no colour dimension gives one. */
  hue: number;
  names: Pair[];
  variants: Pair[];
  dims: Dimension[];
  /** Base price range in yuan. */
  price: [number, number];
  tags: Pair[];
  origin: Pair;
  brand?: string;
  description: Pair;
}

const TEA_DESC: Pair = [
  '高山茶园手工采制，汤色清亮，回甘持久。开封后请密封避光保存。',
  'Hand-picked and hand-finished in mountain gardens: a clear liquor and a long sweet finish. Keep sealed and away from light.',
];
const GRADES: Pair[] = [
  ['特级', 'Premium grade'],
  ['一级', 'First grade'],
  ['明前', 'Pre-Qingming harvest'],
  ['雨前', 'Pre-rain harvest'],
];

const LEAVES: Leaf[] = [
  {
    category: 111,
    merchant: TEA,
    shape: 'leaf',
    hue: 110,
    names: [
      ['西湖龙井', 'West Lake Longjing'],
      ['狮峰龙井', 'Shifeng Longjing'],
      ['梅家坞龙井', 'Meijiawu Longjing'],
      ['大佛龙井', 'Dafo Longjing'],
    ],
    variants: GRADES,
    dims: [D.teaSize],
    price: [88, 1280],
    tags: [
      ['明前', 'spring'],
      ['绿茶', 'green tea'],
    ],
    origin: ['浙江杭州', 'Hangzhou, Zhejiang'],
    brand: '翠玉',
    description: TEA_DESC,
  },
  {
    category: 112,
    merchant: TEA,
    shape: 'leaf',
    hue: 95,
    names: [
      ['洞庭碧螺春', 'Dongting Biluochun'],
      ['东山碧螺春', 'Dongshan Biluochun'],
      ['苏州碧螺春', 'Suzhou Biluochun'],
    ],
    variants: GRADES,
    dims: [D.teaSize],
    price: [78, 980],
    tags: [
      ['新茶', 'new harvest'],
      ['绿茶', 'green tea'],
    ],
    origin: ['江苏苏州', 'Suzhou, Jiangsu'],
    brand: '翠玉',
    description: TEA_DESC,
  },
  {
    category: 120,
    merchant: TEA,
    shape: 'cup',
    hue: 15,
    names: [
      ['正山小种', 'Lapsang Souchong'],
      ['祁门红茶', 'Keemun Black Tea'],
      ['滇红', 'Dianhong Yunnan Black Tea'],
      ['金骏眉', 'Jin Jun Mei'],
    ],
    variants: [
      ['特级', 'Premium grade'],
      ['浓香型', 'Rich aroma'],
      ['礼盒装', 'Gift box'],
    ],
    dims: [D.teaSize],
    price: [58, 880],
    tags: [
      ['红茶', 'black tea'],
      ['暖胃', 'warming'],
    ],
    origin: ['福建武夷山', 'Wuyishan, Fujian'],
    brand: '翠玉',
    description: TEA_DESC,
  },
  {
    category: 130,
    merchant: TEA,
    shape: 'teapot',
    hue: 35,
    names: [
      ['安溪铁观音', 'Anxi Tieguanyin'],
      ['武夷山大红袍', 'Wuyi Da Hong Pao'],
      ['冻顶乌龙', 'Dong Ding Oolong'],
      ['凤凰单丛', 'Phoenix Dancong'],
    ],
    variants: [
      ['清香型', 'Light roast'],
      ['浓香型', 'Dark roast'],
      ['岩茶 礼盒装', 'Rock tea gift box'],
    ],
    dims: [D.teaSize],
    price: [68, 1080],
    tags: [
      ['乌龙茶', 'oolong'],
      ['岩韵', 'rock tea'],
    ],
    origin: ['福建安溪', 'Anxi, Fujian'],
    brand: '翠玉',
    description: TEA_DESC,
  },
  {
    category: 140,
    merchant: TEA,
    shape: 'mooncake',
    hue: 20,
    names: [
      ['云南普洱生茶饼', 'Yunnan Raw Pu-erh Cake'],
      ['普洱熟茶砖', 'Ripe Pu-erh Brick'],
      ['小青柑普洱', 'Citrus Pu-erh'],
      ['老班章古树茶', 'Lao Ban Zhang Ancient Tree Tea'],
    ],
    variants: [
      ['357g', '357 g'],
      ['2018年', '2018 vintage'],
      ['2020年', '2020 vintage'],
    ],
    dims: [D.teaSize],
    price: [98, 1680],
    tags: [
      ['普洱', 'pu-erh'],
      ['收藏', 'collectible'],
    ],
    origin: ['云南勐海', 'Menghai, Yunnan'],
    description: TEA_DESC,
  },
  {
    category: 710,
    merchant: TEA,
    shape: 'teapot',
    hue: 200,
    names: [
      ['紫砂壶', 'Yixing Clay Teapot'],
      ['汝窑茶杯', 'Ru Kiln Teacup'],
      ['功夫茶具套装', 'Gongfu Tea Set'],
      ['玻璃公道杯', 'Glass Tea Pitcher'],
    ],
    variants: [
      ['手工', 'handmade'],
      ['家用', 'everyday'],
      ['礼盒装', 'gift box'],
    ],
    dims: [D.colour(3)],
    price: [39, 899],
    tags: [
      ['茶具', 'teaware'],
      ['送礼', 'gift'],
    ],
    origin: ['江苏宜兴', 'Yixing, Jiangsu'],
    description: ['匠人手工制作，每一件都略有不同。请勿干烧。', 'Made by hand, so every piece differs a little. Do not heat empty.'],
  },
  {
    category: 610,
    merchant: TEA,
    shape: 'mooncake',
    hue: 45,
    names: [
      ['龙井茶酥', 'Longjing Tea Pastry'],
      ['桂花糕', 'Osmanthus Cake'],
      ['抹茶饼干', 'Matcha Cookies'],
      ['绿茶瓜子', 'Green Tea Sunflower Seeds'],
    ],
    variants: [
      ['小包装', 'snack pack'],
      ['家庭装', 'family pack'],
      ['礼盒', 'gift box'],
    ],
    dims: [D.flavour],
    price: [19, 99],
    tags: [
      ['零食', 'snack'],
      ['下午茶', 'afternoon tea'],
    ],
    origin: ['浙江杭州', 'Hangzhou, Zhejiang'],
    description: ['当日现做，不添加防腐剂，请尽快食用。', 'Baked fresh every day without preservatives: best eaten soon.'],
  },
  {
    category: 620,
    merchant: TEA,
    shape: 'jar',
    hue: 38,
    names: [
      ['桂花蜜', 'Osmanthus Honey'],
      ['古法红糖', 'Traditional Brown Sugar'],
      ['镇江香醋', 'Zhenjiang Black Vinegar'],
      ['汉源花椒油', 'Hanyuan Sichuan Pepper Oil'],
    ],
    variants: [
      ['瓶装', 'bottle'],
      ['组合装', 'combo pack'],
    ],
    dims: [D.jar],
    price: [15, 69],
    tags: [['调味', 'pantry']],
    origin: ['中国', 'China'],
    description: ['传统工艺，原料可追溯。开封后请冷藏。', 'Traditional methods, traceable ingredients. Refrigerate after opening.'],
  },
  {
    category: 630,
    merchant: TEA,
    shape: 'mooncake',
    hue: 30,
    names: [
      ['广式月饼', 'Cantonese Mooncakes'],
      ['苏式鲜肉月饼', 'Suzhou Pork Mooncakes'],
      ['冰皮月饼', 'Snow Skin Mooncakes'],
      ['流心奶黄月饼', 'Custard Lava Mooncakes'],
    ],
    variants: [
      ['礼盒', 'gift box'],
      ['中秋限定', 'Mid-Autumn edition'],
    ],
    dims: [D.pieces],
    price: [88, 398],
    tags: [
      ['中秋', 'Mid-Autumn'],
      ['礼盒', 'gift box'],
    ],
    origin: ['广东广州', 'Guangzhou, Guangdong'],
    description: ['中秋佳节送礼佳品，独立包装。', 'A Mid-Autumn gift, each cake wrapped on its own.'],
  },
  {
    category: 211,
    merchant: TEA,
    shape: 'dress',
    hue: 330,
    names: [
      ['真丝连衣裙', 'Silk Dress'],
      ['碎花连衣裙', 'Floral Dress'],
      ['棉麻连衣裙', 'Linen Dress'],
      ['新中式连衣裙', 'Neo-Chinese Dress'],
    ],
    variants: [
      ['夏季', 'summer'],
      ['中长款', 'midi'],
      ['新款', 'new season'],
    ],
    dims: [D.colour(3), D.clothes],
    price: [199, 1299],
    tags: [
      ['女装', 'women'],
      ['新中式', 'neo-Chinese'],
    ],
    origin: ['浙江杭州', 'Hangzhou, Zhejiang'],
    description: ['亲肤面料，垂感好，可机洗（轻柔模式）。', 'Soft fabric with a good drape; machine washable on a gentle cycle.'],
  },
  {
    category: 212,
    merchant: TEA,
    shape: 'dress',
    hue: 0,
    names: [
      ['真丝旗袍', 'Silk Qipao'],
      ['刺绣旗袍', 'Embroidered Qipao'],
      ['短袖旗袍', 'Short-Sleeve Qipao'],
    ],
    variants: [
      ['复古', 'vintage'],
      ['改良', 'modern cut'],
      ['手工盘扣', 'hand-knotted buttons'],
    ],
    dims: [D.colour(2), D.clothes],
    price: [399, 2599],
    tags: [
      ['旗袍', 'qipao'],
      ['国风', 'Chinese style'],
    ],
    origin: ['上海', 'Shanghai'],
    description: ['老师傅量体裁衣的版型，桑蚕丝面料。', 'Cut on a master tailor’s pattern, in mulberry silk.'],
  },
  {
    category: 230,
    merchant: TEA,
    shape: 'dress',
    hue: 280,
    names: [
      ['明制汉服', 'Ming-Style Hanfu'],
      ['唐制齐胸襦裙', 'Tang-Style Ruqun'],
      ['宋制褙子', 'Song-Style Beizi'],
    ],
    variants: [
      ['日常款', 'everyday'],
      ['刺绣', 'embroidered'],
      ['春夏', 'spring-summer'],
    ],
    dims: [D.colour(2), D.clothes, D.hanfuSet],
    price: [299, 1599],
    tags: [
      ['汉服', 'hanfu'],
      ['国风', 'Chinese style'],
    ],
    origin: ['山东曹县', 'Caoxian, Shandong'],
    description: ['传统形制，现代面料，日常也能穿。', 'Traditional cuts in modern fabrics, easy to wear every day.'],
  },
  {
    category: 511,
    merchant: TEA,
    shape: 'pillow',
    hue: 160,
    names: [
      ['绿茶面膜', 'Green Tea Sheet Mask'],
      ['玻尿酸补水面膜', 'Hyaluronic Hydrating Mask'],
      ['珍珠亮肤面膜', 'Pearl Brightening Mask'],
    ],
    variants: [
      ['10片', '10 sheets'],
      ['20片', '20 sheets'],
      ['礼盒', 'gift set'],
    ],
    dims: [],
    price: [49, 199],
    tags: [
      ['补水', 'hydrating'],
      ['面膜', 'sheet mask'],
    ],
    origin: ['中国', 'China'],
    description: ['温和配方，敏感肌可用。每周2-3次。', 'A gentle formula for sensitive skin. Two or three times a week.'],
  },
  {
    category: 512,
    merchant: TEA,
    shape: 'bottle',
    hue: 190,
    names: [
      ['茶多酚精华', 'Tea Polyphenol Serum'],
      ['烟酰胺精华', 'Niacinamide Serum'],
      ['人参精华', 'Ginseng Serum'],
    ],
    variants: [
      ['修护', 'repair'],
      ['亮肤', 'brightening'],
      ['抗皱', 'anti-wrinkle'],
    ],
    dims: [D.volume],
    price: [129, 599],
    tags: [
      ['精华', 'serum'],
      ['护肤', 'skincare'],
    ],
    origin: ['中国', 'China'],
    description: ['早晚洁面后使用，轻拍至吸收。', 'Use morning and evening after cleansing; pat in until absorbed.'],
  },
  {
    category: 520,
    merchant: TEA,
    shape: 'lipstick',
    hue: 350,
    names: [
      ['故宫口红', 'Palace Museum Lipstick'],
      ['丝绒唇釉', 'Velvet Lip Glaze'],
      ['雕花口红', 'Carved Lipstick'],
    ],
    variants: [
      ['哑光', 'matte'],
      ['滋润', 'moisturising'],
      ['限定款', 'limited edition'],
    ],
    dims: [D.shade],
    price: [99, 399],
    tags: [
      ['口红', 'lipstick'],
      ['国潮', 'guochao'],
    ],
    origin: ['中国', 'China'],
    description: ['显色持久，不易沾杯。', 'Rich colour that lasts and does not transfer easily.'],
  },
  {
    category: 720,
    merchant: TEA,
    shape: 'basket',
    hue: 40,
    names: [
      ['竹编收纳篮', 'Bamboo Storage Basket'],
      ['布艺收纳箱', 'Fabric Storage Box'],
      ['桌面收纳盒', 'Desk Organiser'],
    ],
    variants: [
      ['大号', 'large'],
      ['三件套', 'set of 3'],
    ],
    dims: [D.colour(3)],
    price: [29, 199],
    tags: [['收纳', 'storage']],
    origin: ['浙江安吉', 'Anji, Zhejiang'],
    description: ['天然材质，结实耐用。', 'Natural materials, sturdy and long-lasting.'],
  },
  {
    category: 730,
    merchant: TEA,
    shape: 'pillow',
    hue: 220,
    names: [
      ['真丝枕套', 'Silk Pillowcase'],
      ['全棉四件套', 'Cotton Bedding Set'],
      ['蚕丝被', 'Silk-Filled Duvet'],
    ],
    variants: [
      ['夏季', 'summer'],
      ['四季通用', 'all seasons'],
    ],
    dims: [D.colour(3), D.bed],
    price: [199, 1999],
    tags: [
      ['床品', 'bedding'],
      ['真丝', 'silk'],
    ],
    origin: ['江苏南通', 'Nantong, Jiangsu'],
    description: ['A类面料，亲肤透气。', 'Class A fabric: soft and breathable.'],
  },
  {
    category: 310,
    merchant: OUTDOOR,
    shape: 'tent',
    hue: 130,
    names: [
      ['双人帐篷', 'Two-Person Tent'],
      ['家庭露营帐篷', 'Family Camping Tent'],
      ['超轻徒步帐篷', 'Ultralight Backpacking Tent'],
      ['自动速开帐篷', 'Instant Pop-Up Tent'],
    ],
    variants: [
      ['防暴雨', 'storm-proof'],
      ['四季', 'four-season'],
      ['铝杆', 'aluminium poles'],
    ],
    dims: [D.colour(3), D.people],
    price: [299, 2999],
    tags: [
      ['露营', 'camping'],
      ['防水', 'waterproof'],
    ],
    origin: ['中国', 'China'],
    brand: 'Panda',
    description: ['3000mm防水涂层，双层结构，5分钟搭建。', '3000 mm waterproof coating, double wall, pitched in five minutes.'],
  },
  {
    category: 320,
    merchant: OUTDOOR,
    shape: 'pillow',
    hue: 210,
    names: [
      ['羽绒睡袋', 'Down Sleeping Bag'],
      ['信封睡袋', 'Envelope Sleeping Bag'],
      ['木乃伊睡袋', 'Mummy Sleeping Bag'],
    ],
    variants: [
      ['超轻', 'ultralight'],
      ['加厚', 'extra warm'],
      ['可拼接', 'zip-together'],
    ],
    dims: [D.colour(2), D.temperature],
    price: [199, 1599],
    tags: [
      ['露营', 'camping'],
      ['保暖', 'warm'],
    ],
    origin: ['中国', 'China'],
    brand: 'Panda',
    description: ['90%白鸭绒填充，压缩后体积小。', 'Filled with 90% white duck down; packs small.'],
  },
  {
    category: 330,
    merchant: OUTDOOR,
    shape: 'boot',
    hue: 25,
    names: [
      ['防水登山鞋', 'Waterproof Hiking Boots'],
      ['轻量徒步鞋', 'Lightweight Trail Shoes'],
      ['高帮登山靴', 'High-Top Mountain Boots'],
    ],
    variants: [
      ['男款', "men's"],
      ['女款', "women's"],
      ['透气', 'breathable'],
    ],
    dims: [D.colour(3), D.shoes],
    price: [399, 1599],
    tags: [
      ['登山', 'hiking'],
      ['防滑', 'grippy'],
    ],
    origin: ['福建晋江', 'Jinjiang, Fujian'],
    brand: 'Panda',
    description: ['防水透气膜，大底耐磨防滑。', 'Waterproof, breathable membrane and a hard-wearing, grippy sole.'],
  },
  {
    category: 341,
    merchant: OUTDOOR,
    shape: 'backpack',
    hue: 20,
    names: [
      ['40L登山包', '40 L Trekking Pack'],
      ['60L重装背包', '60 L Expedition Pack'],
      ['30L徒步背包', '30 L Day Pack'],
    ],
    variants: [
      ['防水', 'waterproof'],
      ['轻量', 'lightweight'],
      ['透气背负', 'ventilated back'],
    ],
    dims: [D.colour(3)],
    price: [199, 1299],
    tags: [
      ['登山', 'hiking'],
      ['背包', 'backpack'],
    ],
    origin: ['中国', 'China'],
    brand: 'Panda',
    description: ['可调节背负系统，附防雨罩。', 'Adjustable harness; rain cover included.'],
  },
  {
    category: 342,
    merchant: OUTDOOR,
    shape: 'backpack',
    hue: 260,
    names: [
      ['跑步腰包', 'Running Belt'],
      ['户外腰包', 'Outdoor Waist Pack'],
      ['防盗腰包', 'Anti-Theft Waist Pack'],
    ],
    variants: [
      ['防水', 'waterproof'],
      ['大容量', 'large'],
      ['轻薄', 'slim'],
    ],
    dims: [D.colour(3)],
    price: [49, 199],
    tags: [['跑步', 'running']],
    origin: ['中国', 'China'],
    brand: 'Panda',
    description: ['贴身不晃动，可放6.7英寸手机。', 'Sits snug without bouncing; fits a 6.7-inch phone.'],
  },
  {
    category: 411,
    merchant: OUTDOOR,
    shape: 'phone',
    hue: 200,
    names: [
      ['防摔手机壳', 'Shockproof Phone Case'],
      ['磨砂手机壳', 'Matte Phone Case'],
      ['户外三防手机壳', 'Rugged Outdoor Phone Case'],
    ],
    variants: [
      ['透明', 'clear'],
      ['硅胶', 'silicone'],
      ['磁吸', 'magnetic'],
    ],
    dims: [D.model, D.colour(3)],
    price: [29, 129],
    tags: [['手机壳', 'phone case']],
    origin: ['广东深圳', 'Shenzhen, Guangdong'],
    description: ['四角气囊防摔，精准开孔。', 'Air-cushioned corners and precise cut-outs.'],
  },
  {
    category: 412,
    merchant: OUTDOOR,
    shape: 'cable',
    hue: 190,
    names: [
      ['快充数据线', 'Fast-Charging Cable'],
      ['编织数据线', 'Braided Cable'],
      ['弯头数据线', 'Right-Angle Cable'],
    ],
    variants: [
      ['100W', '100 W'],
      ['60W', '60 W'],
    ],
    dims: [D.length, D.port, D.colour(2)],
    price: [19, 99],
    tags: [
      ['快充', 'fast charge'],
      ['数据线', 'cable'],
    ],
    origin: ['广东深圳', 'Shenzhen, Guangdong'],
    description: ['耐弯折10000次以上。', 'Tested to bend more than 10,000 times.'],
  },
  {
    category: 420,
    merchant: OUTDOOR,
    shape: 'headphones',
    hue: 240,
    names: [
      ['运动蓝牙耳机', 'Sports Bluetooth Earbuds'],
      ['骨传导耳机', 'Bone-Conduction Headphones'],
      ['降噪耳机', 'Noise-Cancelling Headphones'],
    ],
    variants: [
      ['防水', 'waterproof'],
      ['长续航', 'long battery life'],
      ['轻量', 'lightweight'],
    ],
    dims: [D.colour(3)],
    price: [99, 899],
    tags: [
      ['耳机', 'headphones'],
      ['运动', 'sport'],
    ],
    origin: ['广东深圳', 'Shenzhen, Guangdong'],
    description: ['蓝牙5.3，续航30小时。', 'Bluetooth 5.3 with 30 hours of battery life.'],
  },
  {
    category: 430,
    merchant: OUTDOOR,
    shape: 'battery',
    hue: 150,
    names: [
      ['户外充电宝', 'Outdoor Power Bank'],
      ['太阳能充电宝', 'Solar Power Bank'],
      ['迷你充电宝', 'Mini Power Bank'],
    ],
    variants: [
      ['快充', 'fast charge'],
      ['三防', 'rugged'],
      ['超薄', 'slim'],
    ],
    dims: [D.battery, D.colour(2)],
    price: [79, 399],
    tags: [
      ['充电宝', 'power bank'],
      ['露营', 'camping'],
    ],
    origin: ['广东深圳', 'Shenzhen, Guangdong'],
    description: ['可带上飞机，支持双向快充。', 'Allowed on planes; fast charging both ways.'],
  },
  {
    category: 220,
    merchant: OUTDOOR,
    shape: 'shirt',
    hue: 210,
    names: [
      ['冲锋衣', 'Hardshell Jacket'],
      ['速干T恤', 'Quick-Dry T-shirt'],
      ['抓绒衣', 'Fleece Jacket'],
      ['软壳裤', 'Softshell Trousers'],
    ],
    variants: [
      ['防风', 'windproof'],
      ['透气', 'breathable'],
      ['加厚', 'insulated'],
    ],
    dims: [D.colour(3), D.clothes],
    price: [99, 1999],
    tags: [
      ['男装', 'men'],
      ['户外', 'outdoor'],
    ],
    origin: ['中国', 'China'],
    brand: 'Panda',
    description: ['三层压胶面料，防水透气。', 'Three-layer laminated fabric: waterproof and breathable.'],
  },
  {
    category: 830,
    merchant: OUTDOOR,
    shape: 'star',
    hue: 50,
    names: [
      ['儿童风筝', "Children's Kite"],
      ['沙滩玩具', 'Beach Toy Set'],
      ['儿童望远镜', "Children's Binoculars"],
    ],
    variants: [
      ['户外', 'outdoor'],
      ['亲子', 'family'],
    ],
    dims: [D.colour(3)],
    price: [29, 299],
    tags: [
      ['玩具', 'toy'],
      ['亲子', 'family'],
    ],
    origin: ['浙江义乌', 'Yiwu, Zhejiang'],
    description: ['3岁以上儿童使用，请在成人陪同下玩耍。', 'For ages 3 and up, with an adult nearby.'],
  },
  {
    category: 810,
    merchant: OUTDOOR,
    shape: 'bottleBaby',
    hue: 200,
    names: [
      ['有机婴儿奶粉', 'Organic Infant Formula'],
      ['羊奶粉', 'Goat Milk Formula'],
    ],
    variants: [
      ['800g罐装', '800 g tin'],
      ['400g', '400 g'],
    ],
    dims: [D.stage],
    price: [199, 459],
    tags: [['奶粉', 'formula']],
    origin: ['新西兰', 'New Zealand'],
    description: ['按月龄选择段数，冲调水温40-50°C。', 'Choose the stage by age; mix with water at 40-50 °C.'],
  },
  {
    category: 820,
    merchant: OUTDOOR,
    shape: 'heart',
    hue: 330,
    names: [
      ['纸尿裤', 'Nappies'],
      ['拉拉裤', 'Pull-Up Pants'],
    ],
    variants: [
      ['超薄透气', 'ultra-thin'],
      ['夜用', 'overnight'],
    ],
    dims: [D.diaper],
    price: [89, 239],
    tags: [['纸尿裤', 'nappies']],
    origin: ['日本', 'Japan'],
    description: ['柔软亲肤，12小时干爽。', 'Soft on skin, dry for 12 hours.'],
  },
];

// ---------------------------------------------------------------- products
/**
 * Products per leaf category at most (name x variant combinations): 12 gives ~280 products. Set
 * DEMO_CATALOG_PER_CATEGORY=2 for a quick stack (tests that only need some products), 0 for none.
 */
const perLeaf = (): number => {
  const n = Number(process.env.DEMO_CATALOG_PER_CATEGORY ?? 12);
  return Number.isInteger(n) && n >= 0 ? Math.min(n, 16) : 12;
};

export interface DemoProduct {
  merchantId: string;
  content: ProductContentInput;
  sales: number;
  images: { key: string; shape: ShapeName; rgb: Rgb; hue: number; variant: 0 | 1 }[];
}

/** Whole yuan in minor units, ending in 9 from ¥30 up (¥129, ¥1,599). */
function yuan(v: number): number {
  const y = Math.max(1, Math.round(v));
  return (y >= 30 ? Math.floor(y / 10) * 10 + 9 : y) * 100;
}
const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-');

function pickValues(d: Dimension, rand: () => number): Value[] {
  if (!d.pick || d.pick >= d.values.length) return d.values;
  const start = Math.floor(rand() * d.values.length);
  return Array.from({ length: d.pick }, (_, i) => d.values[(start + i) % d.values.length]!);
}

/** Every demo product, deterministically (same ids of SKU codes on every run). */
export function demoProducts(): DemoProduct[] {
  const rand = prng(20260301);
  const out: DemoProduct[] = [];
  for (const leaf of LEAVES) {
    const combos = leaf.variants.flatMap((v) => leaf.names.map((n) => [n, v] as const)).slice(0, perLeaf());
    combos.forEach(([name, variant], i) => {
      const merchantId = leaf.merchant;
      const dims = leaf.dims.map((d) => ({ d, values: pickValues(d, rand) }));
      const specs: SpecDimension[] = dims.map(({ d, values }) => ({ name: text(d.name), values: values.map((v) => text(v.name)) }));
      const matrix = dims.reduce<number[][]>((acc, { values }) => acc.flatMap((c) => values.map((_, vi) => [...c, vi])), [[]]);
      const base = leaf.price[0] + (leaf.price[1] - leaf.price[0]) * rand() ** 1.6;
      const soldOut = rand() < 0.05;
      const code = `DEMO-${leaf.category}-${String(i + 1).padStart(2, '0')}`;
      const skus: SkuInput[] = matrix.map((combo, k) => {
        const extra = combo.reduce((sum, vi, di) => sum + (dims[di]!.values[vi]!.extra ?? 0), 0);
        const price = yuan(base * (1 + extra));
        const discounted = rand() < 0.4;
        return {
          specIndexes: combo,
          code: `${code}-${k + 1}`,
          price,
          ...(discounted ? { marketPrice: yuan((price / 100) * (1.2 + rand() * 0.4)) } : {}),
          initialStock: soldOut || rand() < 0.06 ? 0 : Math.floor(5 + rand() * 300),
        };
      });
      const colourDim = dims.findIndex(({ values }) => values.some((v) => v.rgb));
      const rgb = colourDim >= 0 ? dims[colourDim]!.values[0]!.rgb! : hsl((leaf.hue + ((i * 23) % 40)) % 360, 0.55, 0.42);
      const colourSlug = colourDim >= 0 ? slug(dims[colourDim]!.values[0]!.name[1]) : `h${Math.round(((leaf.hue + ((i * 23) % 40)) % 360) / 10) * 10}`;
      // One front image per shape and colour, one side image per shape: drawn once, shared by products.
      const images = ([0, 1] as const).map((variant) => ({
        key: uploadKey(objectKeys.productMedia(merchantId), `demo-${leaf.shape}-${variant === 0 ? colourSlug : 'side'}`, 'png'),
        shape: leaf.shape,
        rgb: variant === 0 ? rgb : hsl(leaf.hue, 0.55, 0.42),
        hue: variant === 0 ? (leaf.hue + 40) % 360 : (leaf.hue + 180) % 360,
        variant,
      }));
      out.push({
        merchantId,
        sales: Math.floor(rand() ** 3 * 6000),
        images,
        content: {
          title: { 'zh-CN': `${name[0]} ${variant[0]}`, en: `${name[1]}, ${variant[1]}` },
          description: text(leaf.description),
          categoryId: categoryId(leaf.category),
          ...(leaf.brand ? { brand: leaf.brand } : {}),
          origin: leaf.origin[0],
          attributes: [{ name: '产地', value: leaf.origin[0] }],
          imageKeys: images.map((im) => im.key),
          tags: leaf.tags.map((t) => t[0]).concat(rand() < 0.3 ? ['热卖'] : []),
          specs,
          skus,
        },
      });
    });
  }
  return out;
}

// ---------------------------------------------------------------- seeding
async function put(key: string, body: Buffer): Promise<void> {
  await putObject({ Key: key, Body: body, ContentType: 'image/png', CacheControl: 'public, max-age=86400' });
}

async function pool<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(size, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

/** Product ids of the demo products that exist, by their first SKU code (AP34), with their status. */
async function existing(products: DemoProduct[]): Promise<Map<number, { id: string; status: string }>> {
  const codeKeys = products.map((p) => keys.skuCode(p.merchantId, p.content.skus[0]!.code));
  const codes = await batchGet(codeKeys, true);
  const ids = new Map<number, string>();
  codeKeys.forEach((k, i) => {
    const raw = codes.get(keyString(k));
    if (raw) ids.set(i, SkuCodeItem.parse(raw).productId);
  });
  const items = await batchGet(
    [...ids.values()].map((id) => keys.product(id)),
    true,
  );
  const out = new Map<number, { id: string; status: string }>();
  for (const [i, id] of ids) {
    const raw = items.get(keyString(keys.product(id)));
    if (raw) out.set(i, { id, status: ProductItem.parse(raw).status });
  }
  return out;
}

/** Store logos and banners (when the merchant has none) and a featured-products block (when the layout has none). */
async function dressStores(featured: Map<string, string[]>): Promise<void> {
  const looks: Record<string, { shapes: ShapeName[]; hue: number; rgb: Rgb }> = {
    [TEA]: { shapes: ['leaf', 'teapot', 'cup', 'leaf'], hue: 110, rgb: hsl(140, 0.45, 0.35) },
    [OUTDOOR]: { shapes: ['mountain', 'tent', 'backpack', 'boot'], hue: 200, rgb: hsl(210, 0.5, 0.35) },
  };
  for (const [merchantId, look] of Object.entries(looks)) {
    const profile = await getStoreProfile(merchantId);
    const changes: { logoKey?: string; bannerKey?: string } = {};
    if (!profile.logoKey) {
      const key = uploadKey(objectKeys.storeImages(merchantId), `01JDEM${'0'.repeat(19)}1`, 'png');
      await put(key, productImage(look.shapes[0]!, look.rgb, look.hue, 0, 200));
      changes.logoKey = key;
    }
    if (!profile.bannerKey) {
      const key = uploadKey(objectKeys.storeImages(merchantId), `01JDEM${'0'.repeat(19)}2`, 'png');
      await put(key, bannerImage(look.shapes, look.hue, look.rgb));
      changes.bannerKey = key;
    }
    if (Object.keys(changes).length) await updateStoreProfile(merchantId, changes);
    const ids = featured.get(merchantId) ?? [];
    if (ids.length && !profile.blocks.some((b) => b.type === 'featured_products')) {
      const blocks: LayoutBlockInput[] = profile.blocks.map((b) =>
        b.type === 'banner'
          ? { type: 'banner', imageKey: b.imageKey, ...(b.productId ? { productId: b.productId } : {}), ...(b.categoryId ? { categoryId: b.categoryId } : {}) }
          : b.type === 'featured_products'
            ? { type: 'featured_products', productIds: b.productIds, ...(b.title ? { title: b.title } : {}) }
            : { type: 'category_strip', categoryIds: b.categoryIds },
      );
      blocks.push({ type: 'featured_products', title: { 'zh-CN': '镇店之宝', en: 'Store favourites' }, productIds: ids.slice(0, 8) });
      await updateStoreLayout(merchantId, blocks);
    }
  }
}

/**
 * Seeds the demo catalog (see the file comment). Returns what it did, for the start log.
 * Primary course: 1. find the demo products that exist (by SKU code); 2. draw and upload the images
 * the missing ones use; 3. create, count demo sales, submit and approve each missing product, and index
 * it; 4. finish any product a previous run left half-way; 5. dress the stores and upload the platform
 * banners; 6. if nothing was created and the index is empty (a table from before the index existed),
 * reindex every product from a table scan.
 */
export async function seedDemoCatalog(log: (m: string) => void): Promise<void> {
  const started = Date.now();
  const products = demoProducts();
  const found = await existing(products);
  // Created in a shuffled (but fixed) order, so "new arrivals" mix the stores and categories.
  const shuffle = prng(7);
  const missing = products
    .map((p, i) => ({ p, i, r: shuffle() }))
    .filter(({ i }) => !found.has(i))
    .sort((a, b) => a.r - b.r);

  // Images are drawn while the products are written: drawing is CPU here, writing waits on DynamoDB Local.
  const drawn = new Set<string>();
  const images = (async () => {
    for (const { p } of missing) {
      for (const im of p.images) {
        if (drawn.has(im.key)) continue;
        drawn.add(im.key);
        await put(im.key, productImage(im.shape, im.rgb, im.hue, im.variant));
      }
    }
  })();
  const featured = new Map<string, string[]>();
  const ids = new Map<number, string>([...found].map(([i, f]) => [i, f.id]));
  await pool(missing, 6, async ({ p, i }) => {
    const created = await createProduct(p.merchantId, p.content, null, { reference: 'demo-seed' });
    ids.set(i, created.id);
    // NOTE: demo sales figures until the order flow counts real ones (best sellers need some).
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.product(created.id),
        UpdateExpression: 'SET sales = :s',
        ExpressionAttributeValues: { ':s': p.sales },
      }),
    );
    await submitProduct(p.merchantId, created.id);
    await approveProduct(created.id);
    await reindexProduct(created.id);
  });
  await images;
  for (const [i, f] of found) {
    if (f.status === 'draft') await submitProduct(products[i]!.merchantId, f.id);
    if (f.status === 'draft' || f.status === 'submitted') {
      await approveProduct(f.id);
      await reindexProduct(f.id);
    }
  }
  products.forEach((p, i) => {
    const id = ids.get(i);
    if (id && p.sales > 2000) featured.set(p.merchantId, [...(featured.get(p.merchantId) ?? []), id]);
  });
  await dressStores(featured);
  for (const b of PLATFORM_BANNERS) {
    const look = {
      'spring-tea': ['leaf', 'cup', 'teapot', 'leaf'],
      outdoor: ['mountain', 'tent', 'boot', 'backpack'],
      gifts: ['mooncake', 'star', 'heart', 'jar'],
    }[b.id] as ShapeName[] | undefined;
    if (look)
      await put(
        b.imageKey,
        bannerImage(look, { 'spring-tea': 100, outdoor: 205, gifts: 15 }[b.id] ?? 0, hsl({ 'spring-tea': 130, outdoor: 215, gifts: 5 }[b.id] ?? 0, 0.5, 0.4)),
      );
  }
  let reindexed = 0;
  if (missing.length === 0) {
    const feed = await queryAll({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.homeFeedPrefix('NEW').PK }, Limit: 1 }, 1);
    if (feed.length === 0) reindexed = await reindexAll();
  }
  log(
    `demo catalog: ${missing.length} products created, ${found.size} already there, ${drawn.size} images drawn${reindexed ? `, ${reindexed} products reindexed` : ''} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}
