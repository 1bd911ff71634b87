import { z } from 'zod';
import { SmsError, sendLoginCode, sendSms } from '../../../functions/lib/adapters/sms';
import { type Harness, startHarness } from './harness';

const PHONE = '+8613800000000';
const Messages = z.object({
  messages: z.array(z.object({ phone: z.string(), templateId: z.string(), params: z.array(z.string()), content: z.string() })),
});

describe('Tencent Cloud SMS adapter against the simulator', () => {
  let h: Harness;
  const messagesFor = async (query: string): Promise<z.infer<typeof Messages>['messages']> =>
    (await h.simJson('GET', `/_sim/sms/messages?phone=${query}`, undefined, Messages)).messages;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(() => h.simJson('DELETE', '/_sim/sms/messages', undefined, z.object({ ok: z.literal(true) })));
  afterEach(() => h.restoreEnv());

  it('is refused with AuthFailure.SignatureFailure when signed with a wrong SecretKey, and nothing is sent', async () => {
    h.overrideEnv({ SMS_SECRET_KEY: 'wrong-secret-key-wrong-secret-key' });

    const attempt = sendSms({ phone: PHONE, templateId: '1000001', params: ['123456', '5'] });

    await expect(attempt).rejects.toBeInstanceOf(SmsError);
    await expect(sendSms({ phone: PHONE, templateId: '1000001', params: ['1'] })).rejects.toMatchObject({
      code: 'AuthFailure.SignatureFailure',
    });
    expect(await messagesFor(encodeURIComponent(PHONE))).toEqual([]);
  });

  it('is refused with AuthFailure.SecretIdNotFound for an unknown SecretId', async () => {
    h.overrideEnv({ SMS_SECRET_ID: 'AKIDunknown' });

    await expect(sendSms({ phone: PHONE, templateId: '1000001', params: [] })).rejects.toMatchObject({
      code: 'AuthFailure.SecretIdNotFound',
    });
  });

  it('records a sent message that can be read back by phone, newest first', async () => {
    await sendSms({ phone: PHONE, templateId: '2000002', params: ['first'] });
    const { serialNo } = await sendLoginCode({ phone: '13800000000', code: '654321', ttlMinutes: 5 });

    const messages = await messagesFor(encodeURIComponent(PHONE));

    expect(serialNo).toBeTruthy();
    expect(messages.map((m) => m.params)).toEqual([['654321', '5'], ['first']]);
    expect(messages[0]).toMatchObject({ phone: PHONE, templateId: h.env.SMS_TEMPLATE_LOGIN });
    expect(messages[0]?.content).toContain('654321');
  });

  it('finds messages when the phone in the query has an unencoded +', async () => {
    await sendSms({ phone: PHONE, templateId: '2000002', params: ['x'] });

    expect(await messagesFor(PHONE)).toHaveLength(1);
    expect(await messagesFor('+8613900000000')).toHaveLength(0);
  });

  it('clears recorded messages', async () => {
    await sendSms({ phone: PHONE, templateId: '2000002', params: ['x'] });

    await h.simJson('DELETE', '/_sim/sms/messages', undefined, z.object({ ok: z.literal(true) }));

    expect(await messagesFor('')).toEqual([]);
  });

  it('reports a per-number failure for an invalid phone number', async () => {
    await expect(sendSms({ phone: '12345', templateId: '2000002', params: [] })).rejects.toMatchObject({
      code: 'InvalidParameterValue.IncorrectPhoneNumber',
    });
  });
});
