import { createPlatformStaff } from '@wxshop/shared/api/admin';
import { http } from '../lib/http';
import { grantStaffRole } from './staff';

export const handler = http(createPlatformStaff, async ({ body, user }) => grantStaffRole(body, user.userId));
