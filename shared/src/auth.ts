import { z } from 'zod';

export const PLATFORM_ROLES = ['super_admin', 'operator', 'customer_service', 'finance'] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];
export const PlatformRole = z.enum(PLATFORM_ROLES);

export const MERCHANT_ROLES = ['owner', 'operator', 'customer_service'] as const;
export type MerchantRole = (typeof MERCHANT_ROLES)[number];
export const MerchantRole = z.enum(MERCHANT_ROLES);

/** Platform permissions: held by platform staff through their role. */
export const PLATFORM_PERMISSIONS = [
  'platform:staff:read',
  'platform:staff:write',
  'platform:merchant:read',
  'platform:merchant:review',
  'platform:product:review',
  'platform:category:write',
  'platform:settings:write',
  'platform:finance:read',
  'platform:finance:write',
  'platform:user:read',
  'platform:order:read',
  /** Deciding escalated after-sale cases (docs/adr/0059): customer service, operators, the super admin. */
  'platform:after_sale:arbitrate',
  /** Distributor applications (share to earn, ADR 0065). */
  'platform:distribution:review',
] as const;
export type PlatformPermission = (typeof PLATFORM_PERMISSIONS)[number];

/** Merchant permissions: held by a merchant's staff, for that merchant only. */
export const MERCHANT_PERMISSIONS = [
  'merchant:profile:read',
  'merchant:profile:write',
  'merchant:staff:read',
  'merchant:staff:write',
  'merchant:product:read',
  'merchant:product:write',
  'merchant:order:read',
  'merchant:order:write',
  'merchant:finance:read',
  /** The store's WeChat Pay sub-merchant application: owner only (where the money goes). */
  'merchant:finance:write',
  'merchant:customer:read',
] as const;
export type MerchantPermission = (typeof MERCHANT_PERMISSIONS)[number];

export const PLATFORM_ROLE_PERMISSIONS: Record<PlatformRole, readonly PlatformPermission[]> = {
  super_admin: PLATFORM_PERMISSIONS,
  operator: [
    'platform:staff:read',
    'platform:merchant:read',
    'platform:merchant:review',
    'platform:product:review',
    'platform:category:write',
    'platform:user:read',
    'platform:order:read',
    'platform:after_sale:arbitrate',
    'platform:distribution:review',
  ],
  customer_service: ['platform:merchant:read', 'platform:user:read', 'platform:order:read', 'platform:after_sale:arbitrate'],
  finance: ['platform:merchant:read', 'platform:finance:read', 'platform:finance:write', 'platform:order:read'],
};

export const MERCHANT_ROLE_PERMISSIONS: Record<MerchantRole, readonly MerchantPermission[]> = {
  owner: MERCHANT_PERMISSIONS,
  operator: [
    'merchant:profile:read',
    'merchant:profile:write',
    'merchant:staff:read',
    'merchant:product:read',
    'merchant:product:write',
    'merchant:order:read',
    'merchant:order:write',
    'merchant:customer:read',
  ],
  customer_service: ['merchant:profile:read', 'merchant:product:read', 'merchant:order:read', 'merchant:customer:read'],
};

/**
 * What a route needs:
 * - 'public': anyone;
 * - 'user': any signed-in account (a shopper);
 * - { platform }: platform staff whose role grants that permission;
 * - { merchant }: staff of the merchant named by the route's `merchantId` path parameter
 *   whose role grants that permission (other merchants' staff get 404, others 403).
 */
export type RouteAuth = 'public' | 'user' | { platform: PlatformPermission } | { merchant: MerchantPermission };

/** The roles an access token carries. */
export const Roles = z
  .object({
    platform: PlatformRole.optional(),
    merchants: z.record(z.string(), MerchantRole).optional(),
    distributor: z.boolean().optional(),
  })
  .strict();
export type Roles = z.infer<typeof Roles>;

export function platformCan(roles: Roles, permission: PlatformPermission): boolean {
  return roles.platform !== undefined && PLATFORM_ROLE_PERMISSIONS[roles.platform].includes(permission);
}

export function merchantCan(roles: Roles, merchantId: string, permission: MerchantPermission): boolean {
  const role = roles.merchants?.[merchantId];
  return role !== undefined && MERCHANT_ROLE_PERMISSIONS[role].includes(permission);
}

export const LOGIN_PROVIDERS = ['wechat', 'alipay', 'phone', 'email'] as const;
export type LoginProvider = (typeof LOGIN_PROVIDERS)[number];
