/**
 * WeChat's rewarded video ad as the points page uses it (platform/rewarded-ad.weapp.ts, ADR 0068):
 * only WeChat's `isEnded` on close counts as watched; closing early or an ad that cannot show earns
 * nothing. wx is faked: the real one exists only inside WeChat.
 */
type CloseHandler = (res?: { isEnded?: boolean }) => void;

interface FakeAd {
  closeHandlers: CloseHandler[];
  errorHandlers: (() => void)[];
  showResult: 'ok' | 'fail';
  loadResult: 'ok' | 'fail';
}

const ads: FakeAd[] = [];
/** How the next ad created answers show() and load(). */
let next: Pick<FakeAd, 'showResult' | 'loadResult'> = { showResult: 'ok', loadResult: 'ok' };
const createRewardedVideoAd = jest.fn((_opts: { adUnitId: string }) => {
  const ad: FakeAd = { closeHandlers: [], errorHandlers: [], ...next };
  ads.push(ad);
  return {
    onClose: (h: CloseHandler) => ad.closeHandlers.push(h),
    offClose: (h: CloseHandler) => (ad.closeHandlers = ad.closeHandlers.filter((x) => x !== h)),
    onError: (h: () => void) => ad.errorHandlers.push(h),
    show: () => (ad.showResult === 'ok' ? Promise.resolve() : Promise.reject(new Error('not loaded'))),
    load: () => (ad.loadResult === 'ok' ? Promise.resolve().then(() => ((ad.showResult = 'ok'), undefined)) : Promise.reject(new Error('no fill'))),
  };
});
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { createRewardedVideoAd } }));

async function load(unit: string) {
  process.env.TARO_APP_REWARDED_AD_UNIT = unit;
  let mod!: typeof import('../../../miniapp/src/platform/rewarded-ad.weapp');
  jest.isolateModules(() => {
    mod = jest.requireActual('../../../miniapp/src/platform/rewarded-ad.weapp');
  });
  return mod.platformRewardedAd;
}

const flush = () => new Promise((r) => setImmediate(r));

describe("WeChat's rewarded ad", () => {
  beforeEach(() => {
    ads.length = 0;
    next = { showResult: 'ok', loadResult: 'ok' };
    createRewardedVideoAd.mockClear();
  });

  it('counts a view only when WeChat says the ad ended', async () => {
    const ad = await load('adunit-abc123');
    expect(ad.adUnitId).toBe('adunit-abc123');
    const watched = ad.show();
    await flush();
    ads[0]!.closeHandlers.forEach((h) => h({ isEnded: true }));
    await expect(watched).resolves.toBe('ended');
    expect(createRewardedVideoAd).toHaveBeenCalledWith({ adUnitId: 'adunit-abc123' });
    expect(ads[0]!.closeHandlers).toHaveLength(0);
  });

  it('earns nothing when the shopper closes it early', async () => {
    const ad = await load('adunit-abc123');
    const watched = ad.show();
    await flush();
    ads[0]!.closeHandlers.forEach((h) => h({ isEnded: false }));
    await expect(watched).resolves.toBe('closed');
  });

  it('loads and shows again when the first show fails, and fails when there is no ad to fill', async () => {
    const ad = await load('adunit-abc123');
    next = { showResult: 'fail', loadResult: 'ok' };
    const loaded = ad.show();
    await flush();
    ads[0]!.closeHandlers.forEach((h) => h({ isEnded: true }));
    await expect(loaded).resolves.toBe('ended');
    next = { showResult: 'fail', loadResult: 'fail' };
    await expect(ad.show()).resolves.toBe('failed');
  });

  it('has no ad unit without a valid one in the build', async () => {
    const ad = await load('');
    expect(ad.adUnitId).toBeNull();
    await expect(ad.show()).resolves.toBe('failed');
    expect((await load('not-an-adunit')).adUnitId).toBeNull();
  });
});
