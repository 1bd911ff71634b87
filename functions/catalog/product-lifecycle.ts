/**
 * Product lifecycle: draft -> submitted -> approved | rejected(reason); approved <-> off_shelf; a re-listing whose
 * content changed since the last approval (version != approvedVersion) goes through review again (ADR 0020).
 */
import { type MerchantProductView, type ProductStatus } from '@wxshop/shared/catalog';
import { tableName } from '../lib/table';
import { keys } from '../lib/keys';
import { transact } from '../lib/table-ops';
import { ConflictError, UnprocessableError } from '../lib/errors';
import { answerOnce, effectPut } from '../lib/effects';
import { ProductItem } from './items';
import { loadOwnProduct, loadProduct, readMerchant, toView, type LoadedProduct } from './repo';
import { isOnSale, relistStatus, storeSells } from './rules';
import { type TxItem, iso, productIndexKeys, setFields } from './product-writes';

interface Transition {
  to: ProductStatus;
  now: Date;
  set?: Partial<Pick<ProductItem, 'rejectReason' | 'submittedAt' | 'approvedAt' | 'approvedVersion' | 'storeSelling'>>;
  /** Extra transaction items (schedule entries). */
  extra?: (p: ProductItem) => TxItem[];
  /** The request's idempotency reference and route: the transition carries its effect marker (ADR 0034). */
  once?: Once;
}

/** A retried request's reference (`idempotencyReference`) and the route it is, for the effect marker. */
interface Once {
  reference: string | undefined;
  route: string;
}

/**
 * Moves a product to another status in one conditional write (status and version as read), recomputing
 * `onSale` and the index keys. A lost race is a 409.
 */
async function transition(loaded: LoadedProduct, t: Transition): Promise<MerchantProductView> {
  const old = loaded.product;
  if (old.editLease) throw new ConflictError('The last save of this product did not complete: save it again first');
  const at = iso(t.now);
  const draft: ProductItem = { ...old, ...t.set, status: t.to, updatedAt: at, statusChangedAt: at };
  const product: ProductItem = { ...draft, onSale: isOnSale(draft, t.now) };
  const changes = { ...t.set, status: t.to, onSale: product.onSale, updatedAt: at, statusChangedAt: at, ...productIndexKeys(product) };
  const items: TxItem[] = [
    setFields(old.id, changes, '#status = :status AND version = :v AND storeSelling = :ss AND attribute_not_exists(editLease)', {
      ':status': old.status,
      ':v': old.version,
      ':ss': old.storeSelling,
    }),
    ...(t.extra?.(product) ?? []),
    ...(t.once?.reference ? [effectPut(t.once.reference, { route: t.once.route, resultId: old.id }, t.now)] : []),
  ];
  await transact(items, () => new ConflictError('The product changed meanwhile: reload and try again'));
  return toView({ product, skus: loaded.skus });
}

/** AP35 entries for an approved product: a future onSaleAt and any offSaleAt; stale entries are removed. */
function scheduleWrites(p: ProductItem, now: Date): TxItem[] {
  const entry = (which: 'on' | 'off', at: string | null): TxItem =>
    at && (which === 'off' || Date.parse(at) > now.getTime())
      ? {
          Put: {
            TableName: tableName(),
            Item: { ...keys.productSchedule(p.id, which), ...keys.productScheduleGsi2(at, p.id, which), entity: 'ProductSchedule', productId: p.id, which, at },
          },
        }
      : { Delete: { TableName: tableName(), Key: keys.productSchedule(p.id, which) } };
  return [entry('on', p.onSaleAt), entry('off', p.offSaleAt)];
}

function assertOffSaleAhead(p: ProductItem, now: Date): void {
  if (p.offSaleAt && Date.parse(p.offSaleAt) <= now.getTime())
    throw new UnprocessableError('The off-sale time has passed: move or clear it (edit the product) first');
}

/** Sends a draft or rejected product to review. Submitting a submitted product changes nothing. */
export async function submitProduct(merchantId: string, productId: string, now = new Date(), reference?: string): Promise<MerchantProductView> {
  const once = { reference, route: 'submit-product' };
  return answerOnce(
    reference,
    async () => {
      const loaded = await loadOwnProduct(merchantId, productId);
      const { product } = loaded;
      if (product.status === 'submitted') return toView(loaded);
      if (product.status !== 'draft' && product.status !== 'rejected') throw new ConflictError(`A ${product.status} product cannot be submitted`);
      assertOffSaleAhead(product, now);
      return transition(loaded, { to: 'submitted', now, set: { submittedAt: iso(now) }, once });
    },
    async () => toView(await loadOwnProduct(merchantId, productId)),
  );
}

/**
 * Approves a submitted product (platform review): it is on sale at once, or from its onSaleAt (AP35
 * entry), while its store sells. Records the approved content version.
 */
export async function approveProduct(productId: string, now = new Date(), reference?: string): Promise<MerchantProductView> {
  const once = { reference, route: 'approve-product' };
  return answerOnce(
    reference,
    async () => {
      const loaded = await loadProduct(productId);
      if (loaded.product.status !== 'submitted') throw new ConflictError(`Only a submitted product can be approved (this one is ${loaded.product.status})`);
      const merchant = await readMerchant(loaded.product.merchantId);
      return transition(loaded, {
        to: 'approved',
        now,
        set: { approvedAt: iso(now), approvedVersion: loaded.product.version, rejectReason: null, storeSelling: storeSells(merchant.status) },
        extra: (p) => scheduleWrites(p, now),
        once,
      });
    },
    async () => toView(await loadProduct(productId)),
  );
}

/** Rejects a submitted product with a reason the merchant sees; the merchant edits and resubmits. */
export async function rejectProduct(productId: string, reason: string, now = new Date(), reference?: string): Promise<MerchantProductView> {
  const once = { reference, route: 'reject-product' };
  return answerOnce(
    reference,
    async () => {
      const loaded = await loadProduct(productId);
      if (loaded.product.status !== 'submitted') throw new ConflictError(`Only a submitted product can be rejected (this one is ${loaded.product.status})`);
      return transition(loaded, { to: 'rejected', now, set: { rejectReason: reason }, once });
    },
    async () => toView(await loadProduct(productId)),
  );
}

/** Stops selling an approved product; SKUs, stock and postings stay. Already off-shelf: no change. */
export async function takeOffShelf(merchantId: string, productId: string, now = new Date(), reference?: string): Promise<MerchantProductView> {
  const once = { reference, route: 'take-product-off-shelf' };
  return answerOnce(
    reference,
    async () => {
      const loaded = await loadOwnProduct(merchantId, productId);
      if (loaded.product.status === 'off_shelf') return toView(loaded);
      if (loaded.product.status !== 'approved') throw new ConflictError(`A ${loaded.product.status} product is not on the shelf`);
      return transition(loaded, { to: 'off_shelf', now, once });
    },
    async () => toView(await loadOwnProduct(merchantId, productId)),
  );
}

/**
 * Re-lists an off-shelf product: approved again at once when its content is the approved version,
 * otherwise submitted for review. Already approved: no change.
 */
export async function putOnShelf(merchantId: string, productId: string, now = new Date(), reference?: string): Promise<MerchantProductView> {
  const once = { reference, route: 'put-product-on-shelf' };
  return answerOnce(
    reference,
    async () => {
      const loaded = await loadOwnProduct(merchantId, productId);
      const { product } = loaded;
      if (product.status === 'approved') return toView(loaded);
      if (product.status !== 'off_shelf') throw new ConflictError(`A ${product.status} product cannot be put on the shelf`);
      assertOffSaleAhead(product, now);
      if (relistStatus(product) === 'submitted') return transition(loaded, { to: 'submitted', now, set: { submittedAt: iso(now) }, once });
      const merchant = await readMerchant(merchantId);
      return transition(loaded, { to: 'approved', now, set: { storeSelling: storeSells(merchant.status) }, extra: (p) => scheduleWrites(p, now), once });
    },
    async () => toView(await loadOwnProduct(merchantId, productId)),
  );
}
