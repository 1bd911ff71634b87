import { createHash } from 'node:crypto';
import { CARRIERS, CarrierCode } from '@wxshop/shared';
import { z } from 'zod';
import { InvalidSignatureError, Kuaidi100ApiError, parseTrackingPush, subscribeTracking } from '../../../functions/lib/adapters/kuaidi100';
import { type Harness, startHarness, waitFor } from './harness';

let sequence = 0;
const newTrackingNo = (prefix = 'ZT'): string => `${prefix}${Date.now()}${(sequence += 1)}`;
const Pushed = z.object({ pushed: z.number(), remaining: z.number() }).loose();

describe('Kuaidi100 tracking adapter against the simulator', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  afterEach(() => h.restoreEnv());

  const pushesFor = (trackingNo: string): string[] =>
    h.callback.requests.filter((r) => r.path.startsWith('/kuaidi100') && r.body.includes(trackingNo)).map((r) => r.body);

  it('has one entry per carrier code, each with Kuaidi100 and WeChat codes', () => {
    expect(new Set(CARRIERS.map((c) => c.code)).size).toBe(CARRIERS.length);
    expect(CARRIERS.every((c) => c.kuaidi100 && c.wechat)).toBe(true);
    expect(CarrierCode.safeParse('SF').success).toBe(true);
    expect(CarrierCode.safeParse('NOPE').success).toBe(false);
  });

  it('subscribes once; subscribing again is accepted as already subscribed', async () => {
    const trackingNo = newTrackingNo();

    const first = await subscribeTracking({ carrier: 'ZTO', trackingNo });
    const again = await subscribeTracking({ carrier: 'ZTO', trackingNo });

    expect(first).toEqual({ alreadySubscribed: false });
    expect(again).toEqual({ alreadySubscribed: true });
  });

  it('delivers scripted events as signed pushes that parse into a timeline, oldest first, until signed', async () => {
    const trackingNo = newTrackingNo();
    await subscribeTracking({ carrier: 'ZTO', trackingNo });

    const first = await h.simJson('POST', '/_sim/kuaidi100/push', { company: 'zhongtong', number: trackingNo }, Pushed);
    const firstBody = await waitFor(() => pushesFor(trackingNo)[0]);
    await h.simJson('POST', '/_sim/kuaidi100/push', { company: 'zhongtong', number: trackingNo, count: 4 }, Pushed);
    const lastBody = await waitFor(() => pushesFor(trackingNo)[4]);
    const early = parseTrackingPush(firstBody);
    const last = parseTrackingPush(lastBody);

    expect(first).toMatchObject({ pushed: 1, remaining: 4 });
    expect(early).toMatchObject({ carrier: 'ZTO', trackingNo, state: 'COLLECTED', signed: false, subscription: 'polling' });
    expect(early.events).toHaveLength(1);
    expect(last).toMatchObject({ state: 'SIGNED', signed: true, subscription: 'shutdown' });
    expect(last.events.map((e) => e.state)).toEqual(['COLLECTED', 'IN_TRANSIT', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'SIGNED']);
    expect(last.events[0]?.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
  });

  it('retries a push until the callback answers the ack', async () => {
    const trackingNo = newTrackingNo();
    await subscribeTracking({ carrier: 'YTO', trackingNo });
    h.callback.answerNext({ status: 500 }, { status: 200, body: 'ok' });

    await h.simJson('POST', '/_sim/kuaidi100/push', { company: 'yuantong', number: trackingNo }, Pushed);
    const bodies = await waitFor(() => (pushesFor(trackingNo).length >= 3 ? pushesFor(trackingNo) : undefined));

    expect(new Set(bodies).size).toBe(1);
  });

  it('rejects a push whose param was changed or whose sign is made with another salt', async () => {
    const trackingNo = newTrackingNo();
    await subscribeTracking({ carrier: 'ZTO', trackingNo });
    await h.simJson('POST', '/_sim/kuaidi100/push', { company: 'zhongtong', number: trackingNo }, Pushed);
    const body = await waitFor(() => pushesFor(trackingNo)[0]);
    const form = new URLSearchParams(body);
    const param = form.get('param') ?? '';
    const changed = new URLSearchParams({ param: param.replace('"state":"1"', '"state":"3"'), sign: form.get('sign') ?? '' }).toString();
    const otherSalt = new URLSearchParams({ param, sign: createHash('md5').update(`${param}wrong-salt`).digest('hex').toUpperCase() }).toString();

    expect(() => parseTrackingPush(changed)).toThrow(InvalidSignatureError);
    expect(() => parseTrackingPush(otherSalt)).toThrow(InvalidSignatureError);
    expect(() => parseTrackingPush(new URLSearchParams({ param }).toString())).toThrow(InvalidSignatureError);
  });

  it('requires the phone for SF and refuses a wrong key', async () => {
    await expect(subscribeTracking({ carrier: 'SF', trackingNo: newTrackingNo('SF') })).rejects.toMatchObject({ code: '700' });
    await expect(subscribeTracking({ carrier: 'SF', trackingNo: newTrackingNo('SF'), phone: '1234' })).resolves.toEqual({ alreadySubscribed: false });

    h.overrideEnv({ KUAIDI100_KEY: 'not-the-key' });
    const attempt = subscribeTracking({ carrier: 'ZTO', trackingNo: newTrackingNo() });
    await expect(attempt).rejects.toBeInstanceOf(Kuaidi100ApiError);
    await expect(subscribeTracking({ carrier: 'ZTO', trackingNo: newTrackingNo() })).rejects.toMatchObject({ code: '600' });
  });

  it('follows another script for a refused parcel, and a test can script its own events', async () => {
    const refused = newTrackingNo('REJECT');
    const custom = newTrackingNo();
    await subscribeTracking({ carrier: 'ZTO', trackingNo: refused });
    await subscribeTracking({ carrier: 'ZTO', trackingNo: custom });
    await h.simJson(
      'POST',
      '/_sim/kuaidi100/script',
      { company: 'zhongtong', number: custom, events: [{ state: '8', context: '清关中' }] },
      z.object({}).loose(),
    );

    await h.simJson('POST', '/_sim/kuaidi100/push', { company: 'zhongtong', number: refused, count: 5 }, Pushed);
    await h.simJson('POST', '/_sim/kuaidi100/push', { company: 'zhongtong', number: custom }, Pushed);
    const refusedLast = parseTrackingPush(await waitFor(() => pushesFor(refused)[4]));
    const customFirst = parseTrackingPush(await waitFor(() => pushesFor(custom)[0]));

    expect(refusedLast).toMatchObject({ state: 'REFUSED', signed: false });
    expect(customFirst.events).toEqual([expect.objectContaining({ state: 'CUSTOMS', description: '清关中' })]);
  });
});
