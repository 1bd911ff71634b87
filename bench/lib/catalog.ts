import { ulid } from 'ulid';
import { randomSourceIp, send } from '../../tests/attack/support/http';
import type { StackState } from '../../tests/attack/support/stack-state';

interface CategoryNode {
  id: string;
  children?: CategoryNode[];
}

const leafOf = (nodes: CategoryNode[]): string | undefined => {
  for (const n of nodes) {
    if (!n.children?.length) return n.id;
    const leaf = leafOf(n.children);
    if (leaf) return leaf;
  }
  return undefined;
};

/** What the bench needs from the running catalog: a leaf category and a product on sale (if any). */
export async function catalogFacts(stack: StackState): Promise<{ leafCategoryId?: string; onSaleProductId?: string }> {
  const categories = await send(stack.urls.api, { method: 'GET', path: '/categories' });
  const home = await send(stack.urls.api, { method: 'GET', path: '/home' });
  const feed = home.json as { newArrivals?: { id: string }[]; bestSellers?: { id: string }[] } | undefined;
  return {
    leafCategoryId: leafOf((categories.json as { items?: CategoryNode[] } | undefined)?.items ?? []),
    onSaleProductId: feed?.newArrivals?.[0]?.id ?? feed?.bestSellers?.[0]?.id,
  };
}

/**
 * Draft products of merchant A made for the bench (one SKU each), deleted again at the end: a draft
 * that was never submitted can be deleted, and it is never shown to shoppers meanwhile.
 */
export class BenchProducts {
  private made: string[] = [];
  private listed: string[] = [];

  constructor(
    private readonly stack: StackState,
    private readonly merchantId: string,
    private readonly ownerToken: string,
    private readonly leafCategoryId: string,
  ) {}

  async sku(stock: number): Promise<{ productId: string; skuId: string; path: string; productPath: string }> {
    const body = {
      title: { 'zh-CN': `基准测试 ${ulid()}` },
      description: { 'zh-CN': 'npm run bench 创建，结束时删除' },
      categoryId: this.leafCategoryId,
      imageKeys: [`merchants/${this.merchantId}/products/${ulid()}.jpg`],
      specs: [],
      skus: [{ specIndexes: [], code: `BENCH-${ulid()}`, price: 100, initialStock: stock }],
    };
    const reply = await send(
      this.stack.urls.api,
      { method: 'POST', path: `/merchants/${this.merchantId}/products`, body, token: this.ownerToken },
      { sourceIp: randomSourceIp() },
    );
    if (reply.status !== 201) throw new Error(`creating a bench product: ${reply.status} ${reply.text.slice(0, 200)}`);
    const made = reply.json as { id: string; skus: { id: string }[] };
    this.made.push(made.id);
    const productPath = `/merchants/${this.merchantId}/products/${made.id}`;
    return { productId: made.id, skuId: made.skus[0]!.id, productPath, path: `${productPath}/skus/${made.skus[0]!.id}/stock` };
  }

  /** A product of merchant A on sale (created, submitted, approved by the platform) with one SKU of `stock` units, for checkouts. */
  async onSaleSku(stock: number, adminToken: string): Promise<{ productId: string; skuId: string; merchantId: string }> {
    const sku = await this.sku(stock);
    const submit = await send(
      this.stack.urls.api,
      { method: 'POST', path: `${sku.productPath}/submit`, token: this.ownerToken },
      { sourceIp: randomSourceIp() },
    );
    if (submit.status !== 200) throw new Error(`submitting a bench product: ${submit.status} ${submit.text.slice(0, 200)}`);
    const approve = await send(
      this.stack.urls.api,
      { method: 'POST', path: `/admin/products/${sku.productId}/approve`, token: adminToken },
      { sourceIp: randomSourceIp() },
    );
    if (approve.status !== 200) throw new Error(`approving a bench product: ${approve.status} ${approve.text.slice(0, 200)}`);
    this.listed.push(sku.productId);
    return { productId: sku.productId, skuId: sku.skuId, merchantId: this.merchantId };
  }

  async cleanUp(): Promise<void> {
    // products on sale cannot be deleted: they go off the shelf (orders keep their lines)
    for (const id of this.listed.splice(0))
      await send(this.stack.urls.api, {
        method: 'POST',
        path: `/merchants/${this.merchantId}/products/${id}/off-shelf`,
        token: this.ownerToken,
      }).catch(() => undefined);
    for (const id of this.made.splice(0))
      await send(this.stack.urls.api, { method: 'DELETE', path: `/merchants/${this.merchantId}/products/${id}`, token: this.ownerToken }).catch(
        () => undefined,
      );
  }
}
