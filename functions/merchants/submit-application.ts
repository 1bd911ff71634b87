import { submitApplication as route } from '@wxshop/shared/api/merchant';
import { http } from '../lib/http';
import { submitApplication } from './applications';

export const handler = http(route, async ({ body, user, idempotencyReference }) => submitApplication(user.userId, body, undefined, idempotencyReference));
