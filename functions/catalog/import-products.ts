import { importProducts } from '@wxshop/shared/api/catalog';
import { http } from '../lib/http';
import * as imports from './import';

export const handler = http(importProducts, async ({ body, params, user, idempotencyReference }) =>
  imports.importProducts(params.merchantId, body, user.userId, undefined, idempotencyReference),
);
