import { listMyApplications } from '@wxshop/shared/api/merchant';
import { http } from '../lib/http';
import { listUserApplications } from './applications';

export const handler = http(listMyApplications, async ({ user }) => ({ items: await listUserApplications(user.userId) }));
