import { z } from 'zod';
import { defineRoute } from './route';
import { MerchantRole } from '../auth';

export const MerchantId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'a merchant id');

export const MerchantSummary = z.object({ id: z.string(), name: z.string(), status: z.enum(['open', 'warned', 'suspended', 'closed']), role: MerchantRole });

export const listMyMerchants = defineRoute({
  id: 'list-my-merchants',
  method: 'GET',
  path: '/me/merchants',
  summary: 'The merchants this account is staff of, with its role in each',
  tag: 'merchant',
  auth: 'user',
  response: z.object({ items: z.array(MerchantSummary) }),
});

export const getMerchantDashboard = defineRoute({
  id: 'get-merchant-dashboard',
  method: 'GET',
  path: '/merchants/{merchantId}/dashboard',
  summary: "A merchant's home figures (staff only; other merchants' staff get 404)",
  tag: 'merchant',
  auth: { merchant: 'merchant:profile:read' },
  params: z.object({ merchantId: MerchantId }).strict(),
  response: z.object({ merchant: MerchantSummary, staffCount: z.number().int() }),
});
