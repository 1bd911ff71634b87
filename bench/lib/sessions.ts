import { DEMO } from '../../infra/local/seed';
import { findIdentity } from '../../functions/identity/accounts';
import { startSession } from '../../functions/identity/sessions';

/**
 * Sessions of the demo shopper and merchant owner A, started in this process with the same service
 * the login routes use (no SMS: the bench must not spend the per-phone and per-IP SMS limits).
 * Needs the stack's environment in process.env (TABLE_NAME, DYNAMODB_ENDPOINT, JWT_SECRET).
 */
export async function benchSessions(): Promise<{ shopper: string; ownerA: string; ownerAId: string; admin: string }> {
  const shopper = await findIdentity('phone', DEMO.shopper.phone);
  const owner = await findIdentity('phone', DEMO.merchants[0].owner.phone);
  const admin = await findIdentity('phone', DEMO.admin.phone);
  if (!shopper || !owner || !admin) throw new Error('the demo accounts are missing: is the local stack seeded?');
  return {
    shopper: (await startSession(shopper.userId, 'phone', false)).accessToken,
    ownerA: (await startSession(owner.userId, 'phone', false)).accessToken,
    ownerAId: owner.userId,
    admin: (await startSession(admin.userId, 'phone', false)).accessToken,
  };
}
