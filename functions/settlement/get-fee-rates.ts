import { getFeeRates as route } from '@wxshop/shared/api/settlement';
import { http } from '../lib/http';
import { getFeeRates } from './fee-rates';

export const handler = http(route, async () => getFeeRates());
