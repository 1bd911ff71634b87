import { logger } from '../lib/logger';
import { runDueSchedules, type ScheduleRun } from './schedule';

/** Every minute: scheduled on-sale / off-sale times that are due (AP35). `time` is the scheduled instant. */
export const handler = async (event: { time?: string } = {}): Promise<ScheduleRun> => {
  const run = await runDueSchedules(event.time ? new Date(event.time) : new Date());
  if (run.due > 0) logger.info('product schedule run', { ...run });
  return run;
};
