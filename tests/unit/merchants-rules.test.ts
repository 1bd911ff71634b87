import { ApplicationInput, InviteStaffInput, StoreLayoutInput, UpdateStoreProfileInput, isSellingStatus, type LayoutBlockInput } from '@wxshop/shared';
import { layoutCategoryIds, layoutImageKeys, layoutProblems, statusChangeProblem, toLayoutBlock } from '../../functions/merchants/rules';

const MID = '01HZZZZZZZZZZZZZZZZZZZZZZA';
const CAT = '01J00000000000000000000CAT';
const P1 = '01J0000000000000000000000P';
const image = (mid = MID) => `merchants/${mid}/store/01J00000000000000000000PNG.png`;

describe('layoutProblems', () => {
  it('accepts banners, featured products and category strips of this store', () => {
    const blocks: LayoutBlockInput[] = [
      { type: 'banner', imageKey: image(), productId: P1 },
      { type: 'featured_products', productIds: [P1] },
      { type: 'category_strip', categoryIds: [CAT] },
    ];
    expect(layoutProblems(MID, blocks)).toEqual({});
  });

  it("names a banner image of another store's folder", () => {
    expect(layoutProblems(MID, [{ type: 'banner', imageKey: image('01HZZZZZZZZZZZZZZZZZZZZZZB') }])).toEqual({
      'body.blocks.0.imageKey': 'not an image of this store',
    });
  });

  it('refuses a banner linking to a product and a category at once', () => {
    expect(layoutProblems(MID, [{ type: 'banner', imageKey: image(), productId: P1, categoryId: CAT }])).toHaveProperty(['body.blocks.0']);
  });

  it('names ids listed twice in a block, at the block they are in', () => {
    const problems = layoutProblems(MID, [
      { type: 'category_strip', categoryIds: [CAT] },
      { type: 'featured_products', productIds: [P1, P1] },
    ]);
    expect(Object.keys(problems)).toEqual(['body.blocks.1.productIds']);
  });

  it('collects the categories and images a layout refers to, once each', () => {
    const blocks: LayoutBlockInput[] = [
      { type: 'banner', imageKey: image(), categoryId: CAT },
      { type: 'banner', imageKey: image() },
      { type: 'category_strip', categoryIds: [CAT] },
    ];
    expect(layoutCategoryIds(blocks)).toEqual([CAT]);
    expect(layoutImageKeys(blocks)).toEqual([image()]);
  });

  it('shows absent options as null and resolves image URLs', () => {
    expect(toLayoutBlock({ type: 'banner', imageKey: 'k' }, (k) => `https://cdn/${k}`)).toEqual({
      type: 'banner',
      imageKey: 'k',
      imageUrl: 'https://cdn/k',
      productId: null,
      categoryId: null,
    });
    expect(toLayoutBlock({ type: 'featured_products', productIds: [P1] }, String)).toEqual({ type: 'featured_products', title: null, productIds: [P1] });
  });
});

describe('the layout schema', () => {
  const strip = { type: 'category_strip', categoryIds: [CAT] };
  it('takes at most 10 blocks', () => {
    expect(StoreLayoutInput.safeParse({ blocks: Array(10).fill(strip) }).success).toBe(true);
    expect(StoreLayoutInput.safeParse({ blocks: Array(11).fill(strip) }).success).toBe(false);
  });

  it('refuses unknown block types and unknown fields in a block', () => {
    expect(StoreLayoutInput.safeParse({ blocks: [{ type: 'video', url: 'x' }] }).success).toBe(false);
    expect(StoreLayoutInput.safeParse({ blocks: [{ ...strip, price: 1 }] }).success).toBe(false);
  });

  it('needs image keys from the store upload call', () => {
    expect(StoreLayoutInput.safeParse({ blocks: [{ type: 'banner', imageKey: 'avatars/x/y.png' }] }).success).toBe(false);
    expect(StoreLayoutInput.safeParse({ blocks: [{ type: 'banner', imageKey: image() }] }).success).toBe(true);
  });
});

describe('statusChangeProblem', () => {
  it('lets the platform move a store between open, warned and suspended, and close it', () => {
    for (const [from, to] of [
      ['open', 'warned'],
      ['warned', 'suspended'],
      ['suspended', 'open'],
      ['open', 'closed'],
      ['suspended', 'closed'],
    ] as const)
      expect(statusChangeProblem(from, to)).toBeNull();
  });

  it('keeps a closed store closed and refuses a change to the same status', () => {
    expect(statusChangeProblem('closed', 'open')).toMatch(/closed/);
    expect(statusChangeProblem('warned', 'warned')).toMatch(/already/);
  });

  it('sells only when open or warned', () => {
    expect(['open', 'warned', 'suspended', 'closed'].map((s) => isSellingStatus(s as 'open'))).toEqual([true, true, false, false]);
  });
});

describe('input schemas', () => {
  const doc = 'applications/01HZZZZZZZZZZZZZZZZZZZZZZA/01J00000000000000000000D0C.jpg';
  const app = {
    businessType: 'individual',
    storeName: '  小店  ',
    licenceNumber: '91330100ma2cfxxx1a',
    contactName: '李',
    contactPhone: '+8613912345678',
    categoryId: CAT,
    documentKeys: [doc],
  };

  it('normalises an application (trimmed name, upper-case licence number)', () => {
    expect(ApplicationInput.parse(app)).toMatchObject({ storeName: '小店', licenceNumber: '91330100MA2CFXXX1A' });
  });

  it('refuses an application with the same document twice, a foreign key, or a status', () => {
    expect(ApplicationInput.safeParse({ ...app, documentKeys: [doc, doc] }).success).toBe(false);
    expect(ApplicationInput.safeParse({ ...app, documentKeys: ['avatars/x.png'] }).success).toBe(false);
    expect(ApplicationInput.safeParse({ ...app, status: 'approved' }).success).toBe(false);
  });

  it('needs exactly one of phone or userId to invite, and never the owner role', () => {
    expect(InviteStaffInput.safeParse({ role: 'operator', phone: '+8613912345678' }).success).toBe(true);
    expect(InviteStaffInput.safeParse({ role: 'operator' }).success).toBe(false);
    expect(InviteStaffInput.safeParse({ role: 'operator', phone: '+8613912345678', userId: MID }).success).toBe(false);
    expect(InviteStaffInput.safeParse({ role: 'owner', phone: '+8613912345678' }).success).toBe(false);
  });

  it('needs at least one change to the store profile', () => {
    expect(UpdateStoreProfileInput.safeParse({}).success).toBe(false);
    expect(UpdateStoreProfileInput.safeParse({ logoKey: null }).success).toBe(true);
  });
});
