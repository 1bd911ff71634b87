import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../lib/table';
import { keys } from '../lib/keys';

/**
 * Records a store's WeChat Pay sub-merchant id (二级商户号) on its PROFILE item: a store sells only
 * once it has one. The WeChat Pay applyment flow (payments) writes it when the application finishes;
 * the demo seed writes it for the demo stores.
 */
export async function setStoreSubMchid(merchantId: string, subMchid: string): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.merchant(merchantId),
      UpdateExpression: 'SET subMchid = :s',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':s': subMchid },
    }),
  );
}

/** Records a store's Alipay 直付通 sub-merchant id (smid): the Alipay build sells a store only with one (ADR 0047). */
export async function setStoreAlipaySmid(merchantId: string, smid: string): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.merchant(merchantId),
      UpdateExpression: 'SET alipaySmid = :s',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':s': smid },
    }),
  );
}
