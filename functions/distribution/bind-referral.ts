import { bindReferral } from '@wxshop/shared/api/distribution';
import { http } from '../lib/http';
import * as binding from './binding';

export const handler = http(bindReferral, async ({ body, user }) => binding.bind(user.userId, body.scene, body.channel));
