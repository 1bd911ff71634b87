import { listMyApplications } from '@wxshop/shared';
import { http } from '../lib/http';
import { listUserApplications } from './applications';

export const handler = http(listMyApplications, async ({ user }) => ({ items: await listUserApplications(user.userId) }));
