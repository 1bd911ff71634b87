import type { ParcelTracking } from '@wxshop/shared/orders';
import { isNewer, trackingOf } from '../../functions/delivery/tracking';

const tracking = (times: string[], state: ParcelTracking['state'] = 'in_transit'): ParcelTracking => ({
  state,
  signed: state === 'signed',
  updatedAt: times[times.length - 1] ?? '',
  events: times.map((at) => ({ at, description: at, state, area: null })),
});

describe('tracking pushes: the newest wins', () => {
  it('takes the first push, and a push with more events', () => {
    expect(isNewer(null, tracking([]))).toBe(true);
    expect(isNewer(tracking(['2026-12-01T09:00:00+08:00']), tracking(['2026-12-01T09:00:00+08:00', '2026-12-01T10:00:00+08:00']))).toBe(true);
  });

  it('ignores a repeated push and an older one (fewer events, or as many with an older newest event)', () => {
    const current = tracking(['2026-12-01T09:00:00+08:00', '2026-12-01T10:00:00+08:00']);
    expect(isNewer(current, tracking(['2026-12-01T09:00:00+08:00', '2026-12-01T10:00:00+08:00']))).toBe(false);
    expect(isNewer(current, tracking(['2026-12-01T09:00:00+08:00']))).toBe(false);
    expect(isNewer(current, tracking(['2026-12-01T09:00:00+08:00', '2026-12-01T09:30:00+08:00']))).toBe(false);
    expect(isNewer(current, tracking(['2026-12-01T09:00:00+08:00', '2026-12-01T11:00:00+08:00']))).toBe(true);
  });

  it("maps Kuaidi100's states to the parcel's and keeps the events oldest first", () => {
    const t = trackingOf({
      carrier: 'SF',
      company: 'shunfeng',
      trackingNo: 'SF1',
      state: 'OUT_FOR_DELIVERY',
      signed: false,
      subscription: 'polling',
      events: [
        { at: '2026-12-01T09:00:00+08:00', description: '揽收', state: 'COLLECTED', area: '深圳' },
        { at: '2026-12-01T12:00:00+08:00', description: '派件', state: 'OUT_FOR_DELIVERY' },
      ],
    });
    expect(t).toEqual({
      state: 'delivering',
      signed: false,
      updatedAt: '2026-12-01T12:00:00+08:00',
      events: [
        { at: '2026-12-01T09:00:00+08:00', description: '揽收', state: 'collected', area: '深圳' },
        { at: '2026-12-01T12:00:00+08:00', description: '派件', state: 'delivering', area: null },
      ],
    });
  });
});
