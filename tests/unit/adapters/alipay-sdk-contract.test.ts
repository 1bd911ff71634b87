/**
 * Contract tests: Alipay's own Node SDK (alipay-sdk@4.14.0) calls the simulator's gateway, so the
 * simulator and our adapter cannot share a mistake in RSA2 signing, response signs or notify signs.
 *
 * NOTE: alipay-sdk stamps `timestamp` in the process's local time zone; Alipay reads it as Beijing
 * time and Lambda runs in UTC. These tests run with TZ=UTC to prove our adapter sends Beijing time
 * and that the SDK's default would be refused.
 */
import { AlipaySdk } from 'alipay-sdk';
import { z } from 'zod';
import { createTrade, queryTrade, verifyNotify } from '../../../functions/lib/adapters/alipay';
import { readAlipayBillZip } from '../../../functions/lib/adapters/alipay-bills';
import { type Harness, startHarness, waitFor } from './harness';

const BUYER = '2088000000000077';
const savedTz = process.env.TZ;

/** `yyyy-MM-dd HH:mm:ss` in Beijing time, computed without the local zone. */
const beijingNow = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

describe('Alipay contract with the vendor SDK (alipay-sdk@4.14.0), TZ=UTC like Lambda', () => {
  let h: Harness;
  let sdk: AlipaySdk;
  let sequence = 0;
  const newNo = (): string => `SDKA${Date.now()}${(sequence += 1)}`;

  beforeAll(async () => {
    process.env.TZ = 'UTC';
    h = await startHarness();
    const { alipay } = h.sims.keys;
    sdk = new AlipaySdk({
      appId: alipay.appid,
      privateKey: alipay.app.privateKey,
      keyType: 'PKCS8',
      alipayPublicKey: alipay.platform.publicKey,
      gateway: h.env.ALIPAY_GATEWAY ?? '',
      timeout: 5000,
    });
  });
  afterAll(async () => {
    await h.close();
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  it('runs in UTC (the precondition of the time-zone tests)', () => {
    expect(new Date().getTimezoneOffset()).toBe(0);
  });

  it("refuses the SDK's default timestamp, stamped in UTC, as expired (8 hours off Beijing time)", async () => {
    const result = await sdk.exec('alipay.trade.create', {
      notifyUrl: h.env.ALIPAY_NOTIFY_URL,
      bizContent: { outTradeNo: newNo(), totalAmount: '1.00', subject: 'x', buyerId: BUYER, productCode: 'JSAPI_PAY' },
    });

    expect(result).toMatchObject({ code: '40002', subCode: 'isv.invalid-timestamp' });
  });

  it('accepts an SDK request given a Beijing timestamp, and the SDK verifies the signed answer', async () => {
    const outTradeNo = newNo();

    const created = await sdk.exec(
      'alipay.trade.create',
      {
        timestamp: beijingNow(),
        notifyUrl: h.env.ALIPAY_NOTIFY_URL,
        bizContent: { outTradeNo, totalAmount: '12.34', subject: 'SDK goods', buyerId: BUYER, productCode: 'JSAPI_PAY' },
      },
      { validateSign: true },
    );
    const queried = await queryTrade({ outTradeNo });

    expect(created).toMatchObject({ code: '10000', outTradeNo });
    expect(queried).toMatchObject({ outTradeNo, tradeStatus: 'WAIT_BUYER_PAY', totalFen: 1234 });
  });

  it('accepts our adapter under TZ=UTC (it stamps Beijing time itself)', async () => {
    const outTradeNo = newNo();

    const created = await createTrade({ outTradeNo, amountFen: 500, subject: 'adapter goods', buyerId: BUYER });
    const viaSdk = await sdk.exec('alipay.trade.query', { timestamp: beijingNow(), bizContent: { outTradeNo } }, { validateSign: true });

    expect(viaSdk).toMatchObject({ code: '10000', tradeNo: created.tradeNo, totalAmount: '5.00', tradeStatus: 'WAIT_BUYER_PAY' });
  });

  it("the simulator's async notify passes the SDK's checkNotifySign and our verifyNotify; a changed amount passes neither", async () => {
    const outTradeNo = newNo();
    const { tradeNo } = await createTrade({ outTradeNo, amountFen: 777, subject: 'notify goods', buyerId: BUYER });
    await h.simJson('POST', '/_sim/alipay/pay', { trade_no: tradeNo }, z.object({ trade_status: z.string() }));
    const params = await waitFor(() =>
      h.callback.requests
        .filter((r) => r.path.startsWith('/alipay'))
        .map((r) => Object.fromEntries(new URLSearchParams(r.body)))
        .find((p) => p.out_trade_no === outTradeNo),
    );
    const altered = { ...params, total_amount: '0.01' };

    expect(params.total_amount).toBe('7.77');
    expect(sdk.checkNotifySign(params)).toBe(true);
    expect(verifyNotify(params)).toBe(true);
    expect(sdk.checkNotifySign(altered)).toBe(false);
    expect(verifyNotify(altered)).toBe(false);
  });

  it("the SDK's exec of alipay.data.dataservice.bill.downloadurl.query verifies the simulator's signed answer; the URL serves the ZIP our reader reads", async () => {
    const outTradeNo = newNo();
    const { tradeNo } = await createTrade({ outTradeNo, amountFen: 888, subject: '账单商品', buyerId: BUYER });
    await h.simJson('POST', '/_sim/alipay/pay', { trade_no: tradeNo }, z.object({ trade_status: z.string() }));
    const day = beijingNow().slice(0, 10);

    const answer = (await sdk.exec(
      'alipay.data.dataservice.bill.downloadurl.query',
      { timestamp: beijingNow(), bizContent: { billType: 'trade', billDate: day } },
      { validateSign: true },
    )) as { code: string; billDownloadUrl?: string };
    const none = await sdk.exec(
      'alipay.data.dataservice.bill.downloadurl.query',
      { timestamp: beijingNow(), bizContent: { billType: 'trade', billDate: '2020-01-01' } },
      { validateSign: true },
    );
    const zip = Buffer.from(await (await fetch(answer.billDownloadUrl ?? '')).arrayBuffer());

    expect(answer.code).toBe('10000');
    expect(answer.billDownloadUrl).toMatch(/\/downloadBillFile\.resource\?.*token=/);
    expect(none).toMatchObject({ code: '40004', subCode: 'isp.bill_not_exist' });
    expect(readAlipayBillZip(day, zip).lines.find((l) => l.transactionId === tradeNo)).toMatchObject({ kind: 'payment', outTradeNo, amount: 888 });
  });
});
