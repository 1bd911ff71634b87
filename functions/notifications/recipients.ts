import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../lib/table';
import { keys } from '../lib/keys';

/**
 * The shopper's WeChat openid (AP2: the wechat identity of the account), or undefined when they never
 * signed in with WeChat. NOTE: the identity's subject is the openid, or the unionid when the app is bound
 * to an open platform account (see identity/logins.ts); WeChat's order APIs and subscribe messages need
 * the openid, so it must be stored at sign-in before unionids are enabled.
 */
export async function wechatOpenid(userId: string): Promise<string | undefined> {
  const prefix = keys.userIdentityPrefix(userId);
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
      ExpressionAttributeValues: { ':pk': prefix.PK, ':sk': `${prefix.SKPrefix}wechat#` },
      ConsistentRead: true,
      Limit: 1,
    }),
  );
  const subject = out.Items?.[0]?.subject;
  return typeof subject === 'string' ? subject : undefined;
}
