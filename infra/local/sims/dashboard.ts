/** `GET /`: a small page for developers with the latest SMS, subscribe messages and notifications. */
import type { SimState } from './state';
import { escapeHtml } from './util';

const LIMIT = 20;

function table(title: string, headings: string[], rows: string[][]): string {
  const head = headings.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.length
    ? rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('\n')
    : `<tr><td colspan="${headings.length}"><em>none yet</em></td></tr>`;
  return `<h2>${escapeHtml(title)}</h2>\n<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const latest = <T>(items: T[]): T[] => items.slice(-LIMIT).reverse();

export function renderDashboard(state: SimState): string {
  const sms = latest(state.sms.messages).map((m) => [m.sentAt, m.phone, m.templateId, m.params.join(', '), m.content]);
  const subscribe = latest(state.wechat.messages).map((m) => [
    m.sentAt,
    m.touser,
    m.templateId,
    m.page ?? '',
    Object.entries(m.data)
      .map(([key, { value }]) => `${key}=${value}`)
      .join('; '),
  ]);
  const notifications = latest(state.notifications).map((n) => [
    n.at,
    n.channel,
    n.event,
    n.url,
    String(n.attempt),
    n.status === null ? `unreachable: ${n.error ?? ''}` : String(n.status),
    n.accepted ? 'yes' : 'no',
  ]);
  const combine = latest([...state.wechatpay.combine.values()]).map((o) => [
    o.combineOutTradeNo,
    o.tradeType,
    o.subOrders.map((s) => `${s.subMchid} ${s.outTradeNo} ${s.total} ${s.tradeState}`).join('; '),
  ]);
  const subMerchants = [...state.wechatpay.subMerchants.values()].map((m) => [
    m.subMchid,
    m.name,
    String(m.frozen),
    String(m.available),
    String(m.postings.length),
  ]);
  const alipaySubMerchants = [...state.alipay.subMerchants.values()].map((m) => [m.smid, m.name, String(m.pendingFen), String(m.settledFen)]);
  const applyments = latest([...state.wechatpay.applyments.values()]).map((a) => [a.outRequestNo, a.merchantShortname, a.state, a.subMchid ?? '']);
  const shipping = latest([...state.wechat.shipping.values()]).map((r) => [
    r.transactionId,
    String(r.orderState),
    r.shippingList.map((p) => `${p.express_company ?? ''} ${p.tracking_no ?? ''}`.trim()).join('; '),
    (() => {
      const f = state.wechatpay.funds.get(r.transactionId);
      return f ? `${f.releasable ? 'releasable' : 'frozen'} (shipped ${f.shippingUploaded ? 'yes' : 'no'}, received ${f.receiptConfirmed ? 'yes' : 'no'})` : '';
    })(),
  ]);
  const tracking = latest([...state.kuaidi100.subscriptions.values()]).map((t) => [
    t.company,
    t.number,
    t.delivered.map((e) => e.state).join(' → '),
    String(t.script.length),
  ]);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>External service simulators</title>
<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:2em}
td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f4f4f4}</style></head>
<body><h1>External service simulators</h1>
<p>WeChat (incl. order shipping management), WeChat Pay v3 (incl. e-commerce combine payments and applyments),
Alipay (incl. 直付通), Kuaidi100 and Tencent Cloud SMS. JSON: <code>/_sim/sms/messages</code>,
<code>/_sim/wechat/messages</code>, <code>/_sim/wechat/shipping</code>, <code>/_sim/wechatpay/notifications</code>,
<code>/_sim/wechatpay/sub-merchants</code>, <code>/_sim/wechatpay/combine/{combine_out_trade_no}</code>, <code>/_sim/alipay/notifications</code>, <code>/_sim/alipay/sub-merchants</code>,
<code>/_sim/kuaidi100/subscriptions</code>.</p>
<p>Controls (POST): <code>/_sim/wechatpay/pay</code> (confirm wx.requestPayment), <code>/_sim/wechatpay/cashier?prepay_id=</code> (H5 cashier, GET),
<code>/_sim/wechatpay/notify-control</code> {copies, delayMs, hold}, <code>/_sim/wechatpay/notify-control/release</code> {order: fifo|reverse},
<code>/_sim/wechatpay/notifications/{id}/resend</code>, <code>/_sim/wechatpay/applyments/{out_request_no}/advance</code> {to?, reasons?},
<code>/_sim/wechatpay/sub-merchants</code> {sub_mchid, name}, <code>/_sim/wechat/shipping/confirm</code> {transaction_id},
<code>/_sim/alipay/pay</code> {trade_no | pre_order_no}, <code>/_sim/kuaidi100/push</code> {company, number, count?}, <code>/_sim/kuaidi100/script</code>.</p>
${table('SMS', ['sent at', 'phone', 'template', 'params', 'content'], sms)}
${table('Subscribe messages', ['sent at', 'touser', 'template', 'page', 'data'], subscribe)}
${table('Payment and tracking notifications', ['at', 'channel', 'event', 'url', 'attempt', 'status', 'accepted'], notifications)}
${table('WeChat Pay combine orders', ['combine_out_trade_no', 'type', 'sub-orders (sub_mchid out_trade_no fen state)'], combine)}
${table('WeChat Pay sub-merchants (fen)', ['sub_mchid', 'name', 'frozen', 'available', 'postings'], subMerchants)}
${table('WeChat Pay applyments', ['out_request_no', 'shortname', 'state', 'sub_mchid'], applyments)}
${table('WeChat order shipping', ['transaction_id', 'order_state', 'parcels', 'funds'], shipping)}
${table('Alipay 直付通 sub-merchants (fen)', ['smid', 'name', 'pending', 'settled'], alipaySubMerchants)}
${table('Kuaidi100 subscriptions', ['company', 'number', 'states pushed', 'events left'], tracking)}
</body></html>`;
}
