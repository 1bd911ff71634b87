import { z } from 'zod';
import { defineRoute } from './route';
import { AvatarUploadInput, Profile, UpdateProfileInput, UploadTicket } from '../users';

export const getMe = defineRoute({
  id: 'get-me',
  method: 'GET',
  path: '/me',
  summary: "The signed-in user's profile, roles and bound login methods",
  tag: 'me',
  auth: 'user',
  response: Profile,
});

// NOTE: POST, not PATCH: wx.request and my.request have no PATCH (see docs/adr/0004).
export const updateMe = defineRoute({
  id: 'update-me',
  method: 'POST',
  path: '/me',
  summary: 'Change nickname, avatar, language or currency',
  tag: 'me',
  auth: 'user',
  body: UpdateProfileInput,
  response: Profile,
});

export const createAvatarUpload = defineRoute({
  id: 'create-avatar-upload',
  method: 'POST',
  path: '/me/avatar-upload',
  summary: 'A presigned S3 PUT URL for a new avatar (PNG, JPEG or WebP, at most 2 MiB)',
  tag: 'me',
  auth: 'user',
  body: AvatarUploadInput,
  response: UploadTicket,
  rateLimit: [{ key: 'user', limit: 20, per: 3600 }],
});

export const health = defineRoute({
  id: 'health',
  method: 'GET',
  path: '/health',
  summary: 'Liveness and table reachability',
  tag: 'ops',
  auth: 'public',
  response: z.object({ ok: z.boolean(), table: z.string(), time: z.string() }),
});
