import { createWithdrawal as route } from '@wxshop/shared/api/settlement';
import { http } from '../lib/http';
import { createWithdrawal } from './withdrawals';

export const handler = http(route, async ({ params, body, idempotencyReference }) => createWithdrawal(params.merchantId, body, idempotencyReference));
