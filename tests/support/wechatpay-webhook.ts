/**
 * Our WeChat Pay webhooks for integration tests: a local HTTP server that hands each notification the
 * simulator posts to our Lambda handler unchanged (payment notifications to wechatpay-notify, refund
 * notifications to wechatpay-refund-notify), as API Gateway would. Starting it points
 * WECHATPAY_NOTIFY_URL and WECHATPAY_REFUND_NOTIFY_URL at it.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resetAdapterConfig } from '../../functions/lib/adapters/config';
import { handler as refundNotifyRoute } from '../../functions/after-sales/refund-notify';
import { handler as notifyRoute } from '../../functions/payments/wechatpay-notify';
import { invoke } from './lambda';

export interface WechatpayWebhook {
  base: string;
  /** Every notification our handlers got: path, raw body, headers and our answer. */
  received: { path: string; headers: Record<string, string>; body: string; status: number }[];
  close(): Promise<void>;
}

export async function startWechatpayWebhook(): Promise<WechatpayWebhook> {
  const received: WechatpayWebhook['received'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const body = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '';
      const route = path.endsWith('/refund-notify') ? refundNotifyRoute : notifyRoute;
      void invoke(route, { method: 'POST', path, raw: body, headers }).then(
        (answer) => {
          received.push({ path, headers, body, status: answer.status });
          res.writeHead(answer.status).end(answer.status === 204 ? undefined : JSON.stringify(answer.body));
        },
        () => res.writeHead(500).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.WECHATPAY_NOTIFY_URL = `${base}/payments/wechatpay/notify`;
  process.env.WECHATPAY_REFUND_NOTIFY_URL = `${base}/payments/wechatpay/refund-notify`;
  resetAdapterConfig();
  return {
    base,
    received,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
