import { z } from 'zod';
import { defineRoute } from './route';
import { PlatformRole } from '../auth';
import { Email, Phone } from '../users';

export const PlatformStaff = z.object({
  userId: z.string(),
  nickname: z.string(),
  role: PlatformRole,
  login: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type PlatformStaff = z.infer<typeof PlatformStaff>;

export const listPlatformStaff = defineRoute({
  id: 'list-platform-staff',
  method: 'GET',
  path: '/admin/staff',
  summary: 'Platform staff and their roles',
  tag: 'admin',
  auth: { platform: 'platform:staff:read' },
  query: z.object({ cursor: z.string().max(512).optional(), limit: z.coerce.number().int().min(1).max(100).optional() }).strict(),
  response: z.object({ items: z.array(PlatformStaff), nextCursor: z.string().nullable() }),
});

export const createPlatformStaff = defineRoute({
  id: 'create-platform-staff',
  method: 'POST',
  path: '/admin/staff',
  summary: 'Make an account platform staff with a role (found by phone or email, created if absent)',
  tag: 'admin',
  auth: { platform: 'platform:staff:write' },
  status: 201,
  idempotent: true,
  body: z
    .object({
      role: PlatformRole,
      phone: Phone.optional(),
      email: Email.optional(),
      nickname: z.string().trim().min(1).max(32).optional(),
    })
    .strict()
    .refine((b) => Boolean(b.phone) !== Boolean(b.email), { message: 'give exactly one of phone or email', path: ['phone'] }),
  response: PlatformStaff,
});

export const removePlatformStaff = defineRoute({
  id: 'remove-platform-staff',
  method: 'DELETE',
  path: '/admin/staff/{userId}',
  summary: "Remove an account's platform role",
  tag: 'admin',
  auth: { platform: 'platform:staff:write' },
  params: z.object({ userId: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/) }).strict(),
  response: z.object({ ok: z.literal(true) }),
});
