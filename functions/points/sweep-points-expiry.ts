import { sweepPointsExpiry } from './points';

/** Hourly (serverless.yml): points batches past their date expire, each exactly once (ADR 0067). */
export const handler = async (): Promise<{ expired: number }> => ({ expired: await sweepPointsExpiry() });
