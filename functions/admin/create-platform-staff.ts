import { createPlatformStaff } from '@wxshop/shared';
import { http } from '../lib/http';
import { grantStaffRole } from './staff';

export const handler = http(createPlatformStaff, async ({ body, user }) => grantStaffRole(body, user.userId));
