import { decide } from '../../functions/reviews/reviews';
import type { ReviewItem } from '../../functions/reviews/items';

const NOW = new Date('2026-12-03T10:00:00.000Z');
const pending = (part: 'review' | 'followUp') => ({ part, verdict: 'pending' as const, label: null, traceId: 't' });

const review = (over: Partial<ReviewItem> = {}): ReviewItem => ({
  entity: 'Review',
  id: 'R',
  orderId: 'O',
  productId: 'P',
  skuId: 'S',
  merchantId: 'M',
  userId: 'U',
  productTitle: 'tea',
  specValues: [],
  stars: { product: 5, service: 5, delivery: 5 },
  text: 'good',
  photoKeys: ['a', 'b'],
  video: null,
  anonymous: false,
  authorName: null,
  status: 'checking',
  rejection: null,
  checks: { a: pending('review'), b: pending('review') },
  followUp: null,
  reply: null,
  createdAt: NOW.toISOString(),
  fingerprint: 'f',
  version: 3,
  ...over,
});

describe('a media verdict on a review (decide)', () => {
  it('keeps the review checking until its last check passes, then shows it', () => {
    const one = decide(review(), 'a', 'pass', 100, NOW);
    expect(one).toMatchObject({ status: 'checking', version: 4 });
    const both = decide(one, 'b', 'pass', 100, NOW);
    expect(both).toMatchObject({ status: 'visible', rejection: null, version: 5 });
  });

  it('hides the review on a risky or "review" verdict, with the reason and label', () => {
    expect(decide(review(), 'b', 'risky', 20002, NOW)).toMatchObject({ status: 'hidden', rejection: { reason: 'media_risky', label: 20002 } });
    expect(decide(review(), 'a', 'review', 0, NOW)).toMatchObject({ status: 'hidden', rejection: { reason: 'media_risky' } });
  });

  it('a pass after a risky verdict does not show the review again', () => {
    const hidden = decide(review(), 'a', 'risky', 20002, NOW);
    expect(decide(hidden, 'b', 'pass', 100, NOW)).toMatchObject({ status: 'hidden', rejection: { reason: 'media_risky' } });
  });

  it("shows a shown review's follow-up when its checks pass; a risky follow-up photo hides the whole review", () => {
    const shown = review({
      status: 'visible',
      checks: { a: { ...pending('review'), verdict: 'pass' }, c: pending('followUp') },
      followUp: { text: 'later', photoKeys: ['c'], status: 'checking', createdAt: NOW.toISOString(), fingerprint: 'g' },
    });
    expect(decide(shown, 'c', 'pass', 100, NOW)).toMatchObject({ status: 'visible', followUp: { status: 'visible' } });
    expect(decide(shown, 'c', 'risky', 20001, NOW)).toMatchObject({
      status: 'hidden',
      rejection: { reason: 'follow_up_media_risky' },
      followUp: { status: 'hidden' },
    });
  });

  it('ignores a verdict for a medium the review does not have', () => {
    const r = review();
    expect(decide(r, 'zzz', 'risky', 1, NOW)).toBe(r);
  });
});
