/**
 * The shopper's openid in our mini-program: WeChat Pay JSAPI pays as this openid. The WeChat login's
 * subject is the unionid when the app is bound to an open platform account, so the openid is kept
 * apart, per appid, and refreshed at every WeChat sign-in (AP79 getWechatPayer).
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../lib/table';
import { keys } from '../lib/keys';

/** Records (or refreshes) the openid a WeChat sign-in saw; a repeat writes the same item. */
export async function rememberWechatOpenid(userId: string, appid: string, openid: string): Promise<void> {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keys.wechatPayer(userId, appid), entity: 'WechatPayer', userId, appid, openid, updatedAt: new Date().toISOString() },
    }),
  );
}

/** The openid to pay as, or undefined when the shopper never signed in with WeChat in this app. */
export async function wechatOpenidOf(userId: string, appid: string): Promise<string | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.wechatPayer(userId, appid), ConsistentRead: true }));
  return typeof out.Item?.openid === 'string' ? out.Item.openid : undefined;
}
