import { bindIdentity, createAccount, displayOf, findIdentity, getAccount, setPlatformRole } from '../../functions/identity/accounts';
import { hashPassword } from '../../functions/identity/password';
import { createMerchant, getMerchant } from '../../functions/merchants/merchants';
import { NotFoundError } from '../../functions/lib/errors';
import { setStoreAlipaySmid, setStoreSubMchid } from '../../functions/orders/stores';
import { seedCategories, seedStoreProfiles } from './seed-merchants';

/** Demo accounts: sign in on H5 with the phone and the SMS code shown by the simulator, or the email + password. */
export const DEMO = {
  admin: { phone: '+8613800000001', email: 'admin@wxshop.local', password: 'wxshop-admin-2026', nickname: '平台管理员' },
  merchants: [
    {
      id: '01HZZZZZZZZZZZZZZZZZZZZZZA',
      name: '翠玉茶舍 Jade Tea House',
      subMchid: '1900000101',
      alipaySmid: '2088000000000101',
      owner: { phone: '+8613800000002', nickname: '茶舍老板' },
    },
    {
      id: '01HZZZZZZZZZZZZZZZZZZZZZZB',
      name: '熊猫户外 Panda Outdoor',
      subMchid: '1900000102',
      alipaySmid: '2088000000000102',
      owner: { phone: '+8613800000003', nickname: '户外店主' },
    },
  ],
  shopper: { phone: '+8613800000004', email: 'shopper@wxshop.local', password: 'wxshop-shopper-2026', nickname: '小王' },
} as const;

async function ensurePhoneAccount(phone: string, nickname: string): Promise<string> {
  const found = await findIdentity('phone', phone);
  if (found) return found.userId;
  const created = await createAccount({ provider: 'phone', subject: phone, display: displayOf('phone', phone) }, { nickname });
  return created ?? (await findIdentity('phone', phone))!.userId;
}

async function ensureEmailLogin(userId: string, email: string, password: string): Promise<void> {
  if (await findIdentity('email', email)) return;
  await bindIdentity(userId, { provider: 'email', subject: email, display: displayOf('email', email), passwordHash: await hashPassword(password) });
}

/** Seeds the demo data through the same services the API uses. Safe to run on every start. */
export async function seedDemoData(log: (m: string) => void): Promise<void> {
  const adminId = await ensurePhoneAccount(DEMO.admin.phone, DEMO.admin.nickname);
  await ensureEmailLogin(adminId, DEMO.admin.email, DEMO.admin.password);
  if ((await getAccount(adminId)).user.roles.platform !== 'super_admin') await setPlatformRole(adminId, 'super_admin', 'seed');
  for (const m of DEMO.merchants) {
    const ownerId = await ensurePhoneAccount(m.owner.phone, m.owner.nickname);
    try {
      await getMerchant(m.id);
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      await createMerchant({ id: m.id, name: m.name, ownerId });
    }
    // demo stores can sell: their WeChat Pay sub-merchant ids (the simulator knows them)
    await setStoreSubMchid(m.id, m.subMchid);
    // and their Alipay 直付通 sub-merchant ids (the simulator's DEMO_ALIPAY_SUB_MERCHANTS)
    await setStoreAlipaySmid(m.id, m.alipaySmid);
  }
  const categories = await seedCategories();
  const stores = await seedStoreProfiles();
  log(`demo data: ${categories} categories created, ${stores} store profiles filled`);
  await (await import('./demo-catalog')).seedDemoCatalog(log);
  const shopperId = await ensurePhoneAccount(DEMO.shopper.phone, DEMO.shopper.nickname);
  await ensureEmailLogin(shopperId, DEMO.shopper.email, DEMO.shopper.password);
  log('demo data: 1 super admin, 2 merchants with owners, 1 shopper');
}
