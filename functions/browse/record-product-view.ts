import { recordProductView } from '@wxshop/shared/api/browse';
import { http } from '../lib/http';
import { recordView } from './history';

export const handler = http(recordProductView, async ({ params, user }) => {
  await recordView(user.userId, params.productId);
  return { ok: true as const };
});
