import { getApplicationForReview } from '@wxshop/shared/api/merchant';
import { http } from '../lib/http';
import { getApplicationDetail } from './applications';

export const handler = http(getApplicationForReview, async ({ params }) => getApplicationDetail(params.applicationId));
