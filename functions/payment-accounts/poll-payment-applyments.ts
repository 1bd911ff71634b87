import { logger } from '../lib/logger';
import { pollOpenApplications, type PollResult } from './applyments';

/** Every 10 minutes (serverless.yml): WeChat Pay applications not yet final move on without the owner watching (ADR 0054). */
export const handler = async (): Promise<PollResult> => {
  const result = await pollOpenApplications();
  logger.info('applyment poll', { checked: result.checked, moved: result.moved.length });
  return result;
};
