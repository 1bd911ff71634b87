import { createAvatarUpload, updateMe, type Profile } from '@wxshop/shared';
import { putFile, type PickedFile } from '../platform/upload';
import { api } from './request';
import { saveProfile } from './session';

export const AVATAR_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type AvatarType = (typeof AVATAR_TYPES)[number];
export const MAX_AVATAR_BYTES = 2 * 1024 * 1024;

export function avatarProblem(file: PickedFile): 'bad_type' | 'too_large' | null {
  if (!(AVATAR_TYPES as readonly string[]).includes(file.type)) return 'bad_type';
  if (file.size <= 0 || file.size > MAX_AVATAR_BYTES) return 'too_large';
  return null;
}

/**
 * New profile photo: a presigned PUT from POST /me/avatar-upload, the bytes straight to storage,
 * then POST /me {avatarKey}. Keeps the new profile in the session.
 */
export async function uploadAvatar(file: PickedFile): Promise<Profile> {
  const ticket = await api.call(createAvatarUpload, { body: { contentType: file.type as AvatarType, size: file.size } });
  await putFile(ticket, file);
  const profile = await api.call(updateMe, { body: { avatarKey: ticket.key } });
  saveProfile(profile);
  return profile;
}
