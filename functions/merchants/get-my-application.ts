import { getMyApplication } from '@wxshop/shared';
import { http } from '../lib/http';
import { getApplicationDetail } from './applications';

export const handler = http(getMyApplication, async ({ params, user }) => getApplicationDetail(params.applicationId, user.userId));
