import { approveApplication as route } from '@wxshop/shared/api/merchant';
import { http } from '../lib/http';
import { approveApplication } from './applications';

export const handler = http(route, async ({ params, user }) => approveApplication(params.applicationId, user.userId));
