import { runBillReconciliation } from '@wxshop/shared/api/reconciliation';
import { UnprocessableError } from '../lib/errors';
import { http } from '../lib/http';
import { beijingDay, dayBefore } from '../ops/reconcile-bills';
import { queueReport } from './reports';

/** Finance asks for a day again (after a failed download, or once a difference is explained): up to yesterday. */
export const handler = http(runBillReconciliation, async ({ params, body, user }) => {
  if (params.date > dayBefore(beijingDay(new Date().toISOString())))
    throw new UnprocessableError(`The bill of ${params.date} is not out yet: the providers serve a day's bill the next morning`);
  return queueReport(params.date, body.provider, user.userId);
});
