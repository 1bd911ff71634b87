/**
 * Carriers a merchant can ship with: our code, Kuaidi100's company code (tracking), WeChat's
 * delivery_id (order shipping management), and whether the carrier needs the receiver's phone
 * (SF: Kuaidi100 wants the last digits to track, WeChat a masked contact).
 */
import { z } from 'zod';

export interface Carrier {
  code: string;
  kuaidi100: string;
  wechat: string;
  name: { zh: string; en: string };
  needsPhone: boolean;
}

export const CARRIERS = [
  { code: 'SF', kuaidi100: 'shunfeng', wechat: 'SF', name: { zh: '顺丰速运', en: 'SF Express' }, needsPhone: true },
  { code: 'ZTO', kuaidi100: 'zhongtong', wechat: 'ZTO', name: { zh: '中通快递', en: 'ZTO Express' }, needsPhone: false },
  { code: 'YTO', kuaidi100: 'yuantong', wechat: 'YTO', name: { zh: '圆通速递', en: 'YTO Express' }, needsPhone: false },
  { code: 'STO', kuaidi100: 'shentong', wechat: 'STO', name: { zh: '申通快递', en: 'STO Express' }, needsPhone: false },
  { code: 'YD', kuaidi100: 'yunda', wechat: 'YD', name: { zh: '韵达快递', en: 'Yunda Express' }, needsPhone: false },
  { code: 'JTSD', kuaidi100: 'jtexpress', wechat: 'JTSD', name: { zh: '极兔速递', en: 'J&T Express' }, needsPhone: false },
  { code: 'JD', kuaidi100: 'jd', wechat: 'JD', name: { zh: '京东物流', en: 'JD Logistics' }, needsPhone: false },
  { code: 'EMS', kuaidi100: 'ems', wechat: 'EMS', name: { zh: 'EMS', en: 'EMS' }, needsPhone: false },
  { code: 'YZPY', kuaidi100: 'youzhengguonei', wechat: 'YZPY', name: { zh: '邮政快递包裹', en: 'China Post Parcel' }, needsPhone: false },
  { code: 'DBL', kuaidi100: 'debangkuaidi', wechat: 'DBL', name: { zh: '德邦快递', en: 'Deppon Express' }, needsPhone: false },
] as const satisfies readonly Carrier[];

export type CarrierCode = (typeof CARRIERS)[number]['code'];
export const CarrierCode = z.enum(CARRIERS.map((c) => c.code) as [CarrierCode, ...CarrierCode[]]);

/** The carrier with our code; throws for an unknown code (validate input with CarrierCode first). */
export function carrierByCode(code: CarrierCode): Carrier {
  const carrier = CARRIERS.find((c) => c.code === code);
  if (!carrier) throw new RangeError(`unknown carrier ${code}`);
  return carrier;
}

/** The carrier Kuaidi100 names `company`, if we ship with it. */
export const carrierByKuaidi100 = (company: string): Carrier | undefined => CARRIERS.find((c) => c.kuaidi100 === company);

/** A tracking number as carriers print them: 6-32 letters, digits and dashes. */
export const TrackingNo = z.string().regex(/^[A-Za-z0-9-]{6,32}$/);
