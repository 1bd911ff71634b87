import { updateMe } from '@wxshop/shared/api/me';
import { http } from '../lib/http';
import { getProfile, updateAccount } from '../identity/accounts';
import { BadRequestError } from '../lib/errors';
import { objectExists } from '../lib/storage';

export const handler = http(updateMe, async ({ body, user }) => {
  if (body.avatarKey !== undefined) {
    if (!body.avatarKey.startsWith(`avatars/${user.userId}/`))
      throw new BadRequestError('That avatar is not yours', { 'body.avatarKey': 'not an upload of yours' });
    if (!(await objectExists(body.avatarKey))) throw new BadRequestError('Upload the avatar first', { 'body.avatarKey': 'no such upload' });
  }
  await updateAccount(user.userId, body);
  return getProfile(user.userId);
});
