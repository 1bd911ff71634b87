/**
 * Kuaidi100 (快递100) tracking push service, poll.kuaidi100.com: subscribe with `POST /poll`
 * (`schema=json&param={company, number, key, parameters{callbackurl, salt, phone, resultv2}}`), then
 * the service pushes `param=<json>&sign=MD5(param + salt)` (upper-case hex) to the callback URL on
 * every status change, retrying until the callback answers `{"result":true,"returnCode":"200"}`.
 * Each tracking number follows a script of events; tests push the next one with a control endpoint.
 */
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { kuaidi100Credentials } from '../keys';
import type { SimContext } from './context';
import { type Route, type SimReply, type SimRequest, json, parseBody } from './http';
import type { TrackingEvent, TrackingSubscription } from './state';
import { beijingDateTime } from './util';

/** Company codes the simulator knows (Kuaidi100's own codes). */
const COMPANIES = new Set(['shunfeng', 'zhongtong', 'yuantong', 'shentong', 'yunda', 'jtexpress', 'jd', 'ems', 'youzhengguonei', 'debangkuaidi']);

/** What `data[].status` says for each state code (resultv2=1 adds the code as `statusCode`). */
const STATE_LABELS: Record<string, string> = { '0': '在途', '1': '揽收', '2': '疑难', '3': '签收', '4': '退签', '5': '派件', '6': '退回', '14': '拒签' };

/** Default script: collected, in transit twice, out for delivery, signed. */
const HAPPY_PATH: TrackingEvent[] = [
  { state: '1', context: '【深圳市】快件已揽收', areaName: '广东,深圳市' },
  { state: '0', context: '【深圳市】快件已发往 上海转运中心', areaName: '广东,深圳市' },
  { state: '0', context: '【上海市】快件已到达 上海转运中心', areaName: '上海' },
  { state: '5', context: '【上海市】快递员正在派件，电话 138****0000', areaName: '上海,浦东新区' },
  { state: '3', context: '【上海市】已签收，签收人：本人', areaName: '上海,浦东新区' },
];
/** Tracking numbers containing these words follow other scripts (for tests and demos). */
const SCRIPTS: { match: RegExp; events: TrackingEvent[] }[] = [
  { match: /REJECT/i, events: [...HAPPY_PATH.slice(0, 4), { state: '14', context: '收件人拒签' }, { state: '6', context: '快件退回中' }] },
  { match: /TROUBLE/i, events: [...HAPPY_PATH.slice(0, 2), { state: '2', context: '快件地址不详，联系不上收件人' }] },
];

const SubscribeParam = z.object({
  company: z.string().min(1),
  number: z.string().min(1).max(32),
  key: z.string().min(1),
  from: z.string().optional(),
  to: z.string().optional(),
  parameters: z
    .object({
      callbackurl: z.url(),
      salt: z.string().optional(),
      resultv2: z.string().optional(),
      phone: z.string().optional(),
      autoCom: z.string().optional(),
    })
    .loose(),
});

const answer = (result: boolean, returnCode: string, message: string): SimReply => json(200, { result, returnCode, message });
const subscriptionKey = (company: string, number: string): string => `${company}|${number}`;

const PushControl = z.object({ company: z.string(), number: z.string(), count: z.number().int().min(1).max(20).optional() }).strict();
const ScriptControl = z
  .object({
    company: z.string(),
    number: z.string(),
    events: z.array(z.object({ state: z.string(), context: z.string(), areaName: z.string().optional() }).strict()).min(1),
  })
  .strict();

export function kuaidi100Routes(ctx: SimContext): Route[] {
  const subscriptions = ctx.state.kuaidi100.subscriptions;
  const { key: validKey } = kuaidi100Credentials(ctx.keys);

  const subscribe = (req: SimRequest): SimReply => {
    const form = new URLSearchParams(req.text);
    if (form.get('schema') !== 'json') return answer(false, '700', 'schema 参数错误');
    const param = parseBody(SubscribeParam, form.get('param') ?? '');
    if (!param) return answer(false, '700', 'param 参数错误');
    if (param.key !== validKey) return answer(false, '600', '您不是合法的订阅者（即授权Key出错）');
    if (!COMPANIES.has(param.company)) return answer(false, '701', '拒绝订阅的快递公司');
    if (param.company === 'shunfeng' && !param.parameters.phone) return answer(false, '700', '顺丰单号必须提供收、寄件人的电话号码');
    const id = subscriptionKey(param.company, param.number);
    const existing = subscriptions.get(id);
    if (existing) return answer(false, '501', '重复订阅');
    const script = SCRIPTS.find((s) => s.match.test(param.number))?.events ?? HAPPY_PATH;
    subscriptions.set(id, {
      company: param.company,
      number: param.number,
      callbackUrl: param.parameters.callbackurl,
      ...(param.parameters.salt ? { salt: param.parameters.salt } : {}),
      ...(param.parameters.phone ? { phone: param.parameters.phone } : {}),
      script: [...script],
      delivered: [],
    });
    return answer(true, '200', '提交成功');
  };

  /** Builds the push body for the subscription's events so far (newest first, as Kuaidi100 sends them). */
  const pushBody = (sub: TrackingSubscription): string => {
    const latest = sub.delivered[sub.delivered.length - 1];
    const signed = latest?.state === '3';
    const done = signed || sub.script.length === 0;
    const param = JSON.stringify({
      status: done ? 'shutdown' : 'polling',
      billstatus: 'got',
      message: '',
      autoCheck: '0',
      comOld: '',
      comNew: '',
      lastResult: {
        message: 'ok',
        nu: sub.number,
        ischeck: signed ? '1' : '0',
        condition: 'F00',
        com: sub.company,
        status: '200',
        state: latest?.state ?? '0',
        data: [...sub.delivered].reverse().map((e) => ({
          time: e.time,
          ftime: e.time,
          context: e.context,
          status: STATE_LABELS[e.state] ?? '在途',
          statusCode: e.state,
          areaName: e.areaName ?? '',
        })),
      },
    });
    const fields: Record<string, string> = { param };
    if (sub.salt)
      fields.sign = createHash('md5')
        .update(param + sub.salt)
        .digest('hex')
        .toUpperCase();
    return new URLSearchParams(fields).toString();
  };

  const send = (sub: TrackingSubscription): void => {
    const body = pushBody(sub);
    ctx.notifier.send({
      channel: 'kuaidi100',
      notificationId: randomUUID(),
      event: `${sub.company} ${sub.number} state ${sub.delivered[sub.delivered.length - 1]?.state ?? ''}`,
      url: sub.callbackUrl,
      build: () => ({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }),
      accepts: (status, text) => {
        if (status !== 200) return false;
        try {
          const parsed = JSON.parse(text) as { result?: unknown; returnCode?: unknown };
          return parsed.result === true && parsed.returnCode === '200';
        } catch {
          return false;
        }
      },
    });
  };

  /** Control: delivers the next `count` scripted events (one push each). */
  const push = (req: SimRequest): SimReply => {
    const body = parseBody(PushControl, req.text || '{}');
    if (!body) return json(400, { error: 'body must be {company, number, count?}' });
    const sub = subscriptions.get(subscriptionKey(body.company, body.number));
    if (!sub) return json(404, { error: 'not subscribed' });
    let pushed = 0;
    for (let i = 0; i < (body.count ?? 1); i += 1) {
      const next = sub.script.shift();
      if (!next) break;
      sub.delivered.push({ ...next, time: beijingDateTime() });
      send(sub);
      pushed += 1;
    }
    return json(200, { pushed, remaining: sub.script.length, delivered: sub.delivered });
  };

  /** Control: replaces the events still to come. */
  const setScript = (req: SimRequest): SimReply => {
    const body = parseBody(ScriptControl, req.text || '{}');
    if (!body) return json(400, { error: 'body must be {company, number, events[]}' });
    const sub = subscriptions.get(subscriptionKey(body.company, body.number));
    if (!sub) return json(404, { error: 'not subscribed' });
    sub.script = body.events;
    return json(200, { remaining: sub.script.length });
  };

  const list = (): SimReply => json(200, { subscriptions: [...subscriptions.values()] });

  return [
    { method: 'POST', path: '/poll', handler: subscribe },
    { method: 'POST', path: '/_sim/kuaidi100/push', handler: push },
    { method: 'POST', path: '/_sim/kuaidi100/script', handler: setScript },
    { method: 'GET', path: '/_sim/kuaidi100/subscriptions', handler: list },
  ];
}
