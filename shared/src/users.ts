import { z } from 'zod';
import { Currency } from './money';
import { Language } from './i18n/languages';
import { LOGIN_PROVIDERS, Roles } from './auth';

/** Mainland China mobile (+86) or any E.164 number. Stored and compared in E.164. */
export const Phone = z
  .string()
  .trim()
  .regex(/^\+[1-9]\d{6,14}$/, 'phone must be in E.164 form, e.g. +8613800000000');
export const Email = z.string().trim().toLowerCase().max(254).pipe(z.email());
export const Password = z.string().min(8, 'at least 8 characters').max(128);
export const SmsCode = z.string().regex(/^\d{6}$/, 'a 6-digit code');
export const Nickname = z.string().trim().min(1).max(32);

export const Profile = z.object({
  id: z.string(),
  nickname: z.string(),
  avatarUrl: z.string().nullable(),
  language: Language,
  currency: Currency,
  roles: Roles,
  /** Login methods bound to the account, with a masked identifier each. */
  identities: z.array(z.object({ provider: z.enum(LOGIN_PROVIDERS), display: z.string() })),
  createdAt: z.string(),
});
export type Profile = z.infer<typeof Profile>;

export const UpdateProfileInput = z
  .object({
    nickname: Nickname.optional(),
    language: Language.optional(),
    currency: Currency.optional(),
    /** An object key returned by the avatar upload call. */
    avatarKey: z
      .string()
      .max(256)
      .regex(/^avatars\/[A-Za-z0-9]+\/[A-Za-z0-9]+\.(png|jpg|webp)$/)
      .optional(),
  })
  .strict();
export type UpdateProfileInput = z.infer<typeof UpdateProfileInput>;

export const AvatarUploadInput = z
  .object({
    contentType: z.enum(['image/png', 'image/jpeg', 'image/webp']),
    /** Bytes; at most 2 MiB. */
    size: z
      .number()
      .int()
      .positive()
      .max(2 * 1024 * 1024),
  })
  .strict();
export const UploadTicket = z.object({
  key: z.string(),
  uploadUrl: z.string(),
  method: z.literal('PUT'),
  headers: z.record(z.string(), z.string()),
  expiresIn: z.number().int(),
});
export type UploadTicket = z.infer<typeof UploadTicket>;
