import { authorize, type Principal } from '../../functions/lib/auth';
import { ForbiddenError, NotFoundError } from '../../functions/lib/errors';

const principal = (roles: Principal['roles']): Principal => ({ userId: 'u', sessionId: 's', roles, language: 'en' });

describe('authorize', () => {
  it('lets a merchant role do what it grants, in its own merchant', () => {
    expect(() => authorize({ merchant: 'merchant:product:write' }, principal({ merchants: { A: 'operator' } }), { merchantId: 'A' })).not.toThrow();
  });

  it('hides other merchants (404) and refuses non-staff (403)', () => {
    expect(() => authorize({ merchant: 'merchant:product:read' }, principal({ merchants: { A: 'owner' } }), { merchantId: 'B' })).toThrow(NotFoundError);
    expect(() => authorize({ merchant: 'merchant:product:read' }, principal({}), { merchantId: 'A' })).toThrow(ForbiddenError);
  });

  it('refuses a role without the permission (403), in its own merchant', () => {
    expect(() => authorize({ merchant: 'merchant:staff:write' }, principal({ merchants: { A: 'customer_service' } }), { merchantId: 'A' })).toThrow(
      ForbiddenError,
    );
  });

  it('checks platform permissions by role', () => {
    expect(() => authorize({ platform: 'platform:finance:read' }, principal({ platform: 'finance' }), {})).not.toThrow();
    expect(() => authorize({ platform: 'platform:staff:write' }, principal({ platform: 'operator' }), {})).toThrow(ForbiddenError);
    expect(() => authorize({ platform: 'platform:staff:read' }, principal({ merchants: { A: 'owner' } }), {})).toThrow(ForbiddenError);
  });
});
