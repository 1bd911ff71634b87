/** The platform's side of a store: its status (AP23 listing, status changes with their reason). */
import { type MerchantAdminView, type MerchantStatus } from '@wxshop/shared/merchants';
import { tableName } from '../lib/table';
import { INDEX, keys } from '../lib/keys';
import { ConflictError } from '../lib/errors';
import { answerOnce, effectPut } from '../lib/effects';
import { queryPage, transact } from '../lib/table-ops';
import { statusChangeProblem } from './rules';
import {
  MerchantItem,
  StaleMerchantError,
  getMerchant,
  inboxMessagePut,
  staffCopyUpdates,
  staffUnchanged,
  toAdminView,
  isStale,
  withRetries,
  type TransactItem,
} from './merchants';

/** AP23: stores in one status, oldest first. */
export async function listMerchantsByStatus(
  status: MerchantStatus,
  limit = 50,
  cursor?: string,
): Promise<{ items: MerchantAdminView[]; nextCursor: string | null }> {
  const index = keys.merchantStatusIndex(status);
  const out = await queryPage(
    {
      IndexName: INDEX.byStatus,
      KeyConditionExpression: 'GSI2PK = :pk',
      ExpressionAttributeValues: { ':pk': index.GSI2PK },
    },
    { limit: limit, cursor: cursor, expected: { GSI2PK: index.GSI2PK } },
  );
  return { items: out.items.map((i) => toAdminView(MerchantItem.parse(i))), nextCursor: out.nextCursor };
}

/**
 * The platform sets a store's status with a reason. One transaction: the merchant (status, reason,
 * its AP23 index entry), the status copy on every staff item, and a message in the store's inbox.
 * Closed is final (409). Retried when the staff changed meanwhile.
 */
export async function setMerchantStatus(merchantId: string, status: MerchantStatus, reason: string, reference?: string): Promise<MerchantAdminView> {
  return answerOnce(
    reference,
    () => applyMerchantStatus(merchantId, status, reason, reference),
    async () => toAdminView(await getMerchant(merchantId, true)),
  );
}

async function applyMerchantStatus(merchantId: string, status: MerchantStatus, reason: string, reference: string | undefined): Promise<MerchantAdminView> {
  return withRetries(async () => {
    const merchant = await getMerchant(merchantId, true);
    const problem = statusChangeProblem(merchant.status, status);
    if (problem) throw new ConflictError(problem);
    const now = new Date().toISOString();
    const guard = staffUnchanged(merchant);
    const index = keys.merchantStatusGsi2(status, merchant.createdAt, merchantId);
    const items: TransactItem[] = [
      {
        Update: {
          TableName: tableName(),
          Key: keys.merchant(merchantId),
          UpdateExpression: 'SET #status = :status, statusReason = :reason, statusChangedAt = :now, updatedAt = :now, GSI2PK = :gsi2pk, GSI2SK = :gsi2sk',
          ConditionExpression: `#status = :from AND ${guard.expression}`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':status': status,
            ':reason': reason,
            ':now': now,
            ':gsi2pk': index.GSI2PK,
            ':gsi2sk': index.GSI2SK,
            ':from': merchant.status,
            ...guard.values,
          },
        },
      },
      inboxMessagePut(merchantId, 'status_changed', status, reason, now),
      ...(await staffCopyUpdates(merchant, { merchantStatus: status })),
      ...(reference ? [effectPut(reference, { route: 'set-merchant-status', resultId: merchantId })] : []),
    ];
    await transact(items, () => new StaleMerchantError());
    return toAdminView({ ...merchant, status, statusReason: reason, statusChangedAt: now, updatedAt: now });
  }, isStale);
}
