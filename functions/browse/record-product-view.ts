import { recordProductView } from '@wxshop/shared';
import { http } from '../lib/http';
import { AppError } from '../lib/errors';

// NOTE: placeholder while the browse service lands (route definitions first, for the mini-program).
export const handler = http(recordProductView, async () => {
  throw new AppError('internal_error', 501, 'Not implemented yet');
});
