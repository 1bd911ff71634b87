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
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>External service simulators</title>
<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:2em}
td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f4f4f4}</style></head>
<body><h1>External service simulators</h1>
<p>WeChat, WeChat Pay v3, Alipay and Tencent Cloud SMS. JSON: <code>/_sim/sms/messages</code>,
<code>/_sim/wechat/messages</code>, <code>/_sim/wechatpay/notifications</code>, <code>/_sim/alipay/notifications</code>.</p>
${table('SMS', ['sent at', 'phone', 'template', 'params', 'content'], sms)}
${table('Subscribe messages', ['sent at', 'touser', 'template', 'page', 'data'], subscribe)}
${table('Payment notifications', ['at', 'channel', 'event', 'url', 'attempt', 'status', 'accepted'], notifications)}
</body></html>`;
}
