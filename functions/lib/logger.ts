import { Logger } from '@aws-lambda-powertools/logger';

/** Structured JSON logs (Powertools). LOG_LEVEL=SILENT in tests. */
export const logger = new Logger({ serviceName: 'wxshop', logLevel: (process.env.LOG_LEVEL ?? 'INFO') as 'INFO' });
