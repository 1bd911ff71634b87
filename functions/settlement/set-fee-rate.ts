import { setFeeRate as route } from '@wxshop/shared/api/settlement';
import { http } from '../lib/http';
import { setFeeRate } from './fee-rates';

export const handler = http(route, async ({ body }) => setFeeRate(body));
