import { rejectApplication as route } from '@wxshop/shared/api/merchant';
import { http } from '../lib/http';
import { rejectApplication } from './applications';

export const handler = http(route, async ({ params, body, user, idempotencyReference }) =>
  rejectApplication(params.applicationId, user.userId, body.reason, idempotencyReference),
);
