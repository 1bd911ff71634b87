import { getMyApplication } from '@wxshop/shared/api/merchant';
import { http } from '../lib/http';
import { getApplicationDetail } from './applications';

export const handler = http(getMyApplication, async ({ params, user }) => getApplicationDetail(params.applicationId, user.userId));
