import { listPlatformStaff } from '@wxshop/shared/api/admin';
import { http } from '../lib/http';
import { listStaff } from './staff';

export const handler = http(listPlatformStaff, async ({ query }) => listStaff(query.limit, query.cursor));
