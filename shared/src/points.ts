import { z } from 'zod';

/**
 * Points (ADR 0067, 0068): the ledger's views, the platform's rules, check-in and verified rewarded
 * views. Points are whole numbers; a point's money value is a later pricing rule (issue 10).
 */

const count = (max: number) => z.number().int().min(0).max(max);

export const HouseCreative = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,40}$/),
    title: z.string().trim().min(1).max(60),
    videoUrl: z.url({ protocol: /^https?$/ }).max(500),
    posterUrl: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .nullable(),
    durationSeconds: z.number().int().min(1).max(120),
  })
  .strict();
export type HouseCreative = z.infer<typeof HouseCreative>;

/** The platform's points rules (one item; defaults until an admin sets them). */
export const PointsRules = z
  .object({
    checkIn: z.object({ points: count(10_000), streakBonusPerDay: count(1_000), streakBonusMax: count(10_000) }).strict(),
    /** A verified view of a house creative (later: of a campaign). */
    rewardedView: z.object({ points: z.number().int().min(1).max(10_000), dailyViews: count(100) }).strict(),
    /** WeChat's own rewarded ad: only the client's "ended" signal, so a smaller, separately capped reward. */
    wechatAd: z.object({ points: count(1_000), dailyViews: count(100), minSeconds: z.number().int().min(5).max(120) }).strict(),
    caps: z
      .object({
        shopperDailyPoints: count(100_000),
        deviceDailyPoints: count(100_000),
        deviceDailyViews: count(1_000),
        /** More accounts than this viewing on one device in a day: their views are held. */
        maxAccountsPerDevice: z.number().int().min(1).max(20),
      })
      .strict(),
    expiryMonths: z.number().int().min(1).max(60),
    houseCreatives: z.array(HouseCreative).max(20),
  })
  .strict()
  .refine((r) => r.wechatAd.points <= r.rewardedView.points, { path: ['wechatAd', 'points'], message: 'A WeChat ad earns at most a verified view' })
  .refine((r) => new Set(r.houseCreatives.map((c) => c.id)).size === r.houseCreatives.length, { path: ['houseCreatives'], message: 'Creative ids repeat' });
export type PointsRules = z.infer<typeof PointsRules>;

export const DEFAULT_POINTS_RULES: PointsRules = {
  checkIn: { points: 10, streakBonusPerDay: 2, streakBonusMax: 20 },
  rewardedView: { points: 30, dailyViews: 5 },
  wechatAd: { points: 10, dailyViews: 3, minSeconds: 15 },
  caps: { shopperDailyPoints: 300, deviceDailyPoints: 400, deviceDailyViews: 10, maxAccountsPerDevice: 3 },
  expiryMonths: 12,
  houseCreatives: [],
};

export const POSTING_KINDS = ['earn', 'spend', 'freeze', 'release', 'settle', 'expire'] as const;
export const PostingKind = z.enum(POSTING_KINDS);
export type PostingKind = z.infer<typeof PostingKind>;

export const POINTS_SOURCES = ['check_in', 'rewarded_view', 'wechat_ad', 'order', 'expiry', 'adjustment'] as const;
export const PointsSource = z.enum(POINTS_SOURCES);
export type PointsSource = z.infer<typeof PointsSource>;

/** One posting as the shopper sees it: `points` is the change of the spendable balance, `frozen` of the frozen part. */
export const PointsPosting = z.object({
  id: z.string(),
  kind: PostingKind,
  source: PointsSource,
  points: z.number().int(),
  frozen: z.number().int(),
  at: z.string(),
});
export type PointsPosting = z.infer<typeof PointsPosting>;

export const PointsPostingPage = z.object({ items: z.array(PointsPosting), nextCursor: z.string().nullable() });
export type PointsPostingPage = z.infer<typeof PointsPostingPage>;

export const PointsPageQuery = z.object({ limit: z.coerce.number().int().min(1).max(50).default(20), cursor: z.string().max(600).optional() }).strict();

export const ExpiringBatch = z.object({ id: z.string(), points: z.number().int(), source: PointsSource, earnedAt: z.string(), expiresAt: z.string() });
export type ExpiringBatch = z.infer<typeof ExpiringBatch>;

export const ExpiringPoints = z.object({ points: z.number().int(), until: z.string(), batches: z.array(ExpiringBatch) });
export type ExpiringPoints = z.infer<typeof ExpiringPoints>;

export const CheckInState = z.object({
  /** The Asia/Shanghai calendar day. */
  day: z.string(),
  checkedInToday: z.boolean(),
  /** Days in a row up to today (or yesterday when not yet checked in today). */
  streak: z.number().int(),
  /** What today's check-in earns (or earned). */
  points: z.number().int(),
});
export type CheckInState = z.infer<typeof CheckInState>;

export const PointsSummary = z.object({
  available: z.number().int(),
  frozen: z.number().int(),
  expiringSoon: z.object({ points: z.number().int(), until: z.string() }),
  checkIn: CheckInState,
  views: z.object({
    today: z.number().int(),
    dailyViews: z.number().int(),
    points: z.number().int(),
    wechatToday: z.number().int(),
    wechatDailyViews: z.number().int(),
    wechatPoints: z.number().int(),
  }),
  /** A house creative to watch, or null (the mini-program may then show WeChat's rewarded ad). */
  houseCreative: HouseCreative.nullable(),
});
export type PointsSummary = z.infer<typeof PointsSummary>;

export const CheckInResult = z.object({ state: CheckInState, credited: z.number().int(), available: z.number().int() });
export type CheckInResult = z.infer<typeof CheckInResult>;

/** A device id the mini-program makes once and keeps in its storage: a signal, never proof. */
export const DeviceId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

export const ViewKind = z.enum(['house', 'wechat']);

/** `creativeId`: a house creative's id, or WeChat's ad unit id (`adunit-...`) for its own rewarded ad. */
export const StartViewInput = z
  .object({ kind: ViewKind, creativeId: z.string().regex(/^(adunit-[A-Za-z0-9]{1,40}|[a-z0-9-]{1,40})$/), deviceId: DeviceId })
  .strict()
  .refine((v) => (v.kind === 'wechat') === v.creativeId.startsWith('adunit-'), {
    path: ['creativeId'],
    message: 'A WeChat view names an ad unit, a house view a creative',
  });
export type StartViewInput = z.infer<typeof StartViewInput>;

export const StartedView = z.object({
  token: z.string(),
  kind: ViewKind,
  creative: HouseCreative.nullable(),
  startedAt: z.string(),
  durationSeconds: z.number().int(),
  completableAt: z.string(),
  points: z.number().int(),
});
export type StartedView = z.infer<typeof StartedView>;

export const ViewTokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{32}$/) }).strict();
export const CompleteViewInput = z.object({ deviceId: DeviceId }).strict();

export const VIEW_OUTCOMES = ['credited', 'held', 'capped'] as const;
export const CompletedView = z.object({
  outcome: z.enum(VIEW_OUTCOMES),
  credited: z.number().int(),
  available: z.number().int(),
});
export type CompletedView = z.infer<typeof CompletedView>;
