import { changeStaffRole as route } from '@wxshop/shared/api/merchant';
import { http } from '../lib/http';
import { changeStaffRole } from './staff';

export const handler = http(route, async ({ params, body }) => changeStaffRole(params.merchantId, params.userId, body.role));
