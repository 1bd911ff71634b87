/** Seed support: brings an older merchant item up to date. */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../lib/table';
import { keys } from '../lib/keys';
import { isConditionFailure } from '../lib/errors';
import { getMerchant, countMerchantStaff } from './merchants';

/**
 * Brings a merchant written before onboarding existed (no AP23 status index entry, no staff count)
 * up to date. Idempotent; used by the local seed on a kept table.
 */
export async function backfillMerchant(id: string): Promise<void> {
  const m = await getMerchant(id, true);
  if (m.staffCount !== undefined) return;
  const index = keys.merchantStatusGsi2(m.status, m.createdAt, id);
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.merchant(id),
        UpdateExpression: 'SET GSI2PK = :pk, GSI2SK = :sk, staffCount = :n, staffRevision = :one',
        ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(staffCount)',
        ExpressionAttributeValues: { ':pk': index.GSI2PK, ':sk': index.GSI2SK, ':n': await countMerchantStaff(id), ':one': 1 },
      }),
    );
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
  }
}
