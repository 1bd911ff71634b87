import { resubmitApplication as route } from '@wxshop/shared/api/merchant';
import { http } from '../lib/http';
import { resubmitApplication } from './applications';

export const handler = http(route, async ({ params, body, user, idempotencyReference }) =>
  resubmitApplication(user.userId, params.applicationId, body, idempotencyReference),
);
