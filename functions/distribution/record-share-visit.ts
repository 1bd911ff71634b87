import { recordShareVisit } from '@wxshop/shared/api/distribution';
import { http } from '../lib/http';
import * as shares from './shares';

export const handler = http(recordShareVisit, async ({ params, body }) => shares.recordVisit(params.scene, body.channel));
