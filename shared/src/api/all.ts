import * as authRoutes from './auth-routes';
import * as meRoutes from './me-routes';
import * as adminRoutes from './admin-routes';
import * as merchantRoutes from './merchant-routes';
import * as categoryRoutes from './category-routes';
import * as browseRoutes from './browse-routes';
import * as catalogRoutes from './catalog-routes';
import * as cartRoutes from './cart-routes';
import * as addressRoutes from './address-routes';
import * as shippingRoutes from './shipping-routes';
import * as orderRoutes from './order-routes';
import * as paymentRoutes from './payment-routes';
import * as paymentAccountRoutes from './payment-account-routes';
import * as inboxRoutes from './inbox-routes';
import * as afterSaleRoutes from './after-sale-routes';
import * as reviewRoutes from './review-routes';
import * as reconciliationRoutes from './reconciliation-routes';
import * as settlementRoutes from './settlement-routes';
import * as distributionRoutes from './distribution-routes';
import * as pointsRoutes from './points-routes';
import type { RouteDef } from './route';

/**
 * Every route of the API: served by one function each, documented in /openapi.json.
 * `@wxshop/shared/api/all` pulls in every area's routes: only the OpenAPI document, the route unit test
 * and the attack suites import it. A handler imports its own area (`@wxshop/shared/api/<area>`).
 */
const isRoute = (v: unknown): v is RouteDef => typeof v === 'object' && v !== null && 'id' in v && 'method' in v && 'path' in v && 'response' in v;

export const ALL_ROUTES: RouteDef[] = [
  authRoutes,
  meRoutes,
  adminRoutes,
  merchantRoutes,
  categoryRoutes,
  browseRoutes,
  catalogRoutes,
  cartRoutes,
  addressRoutes,
  shippingRoutes,
  orderRoutes,
  paymentRoutes,
  paymentAccountRoutes,
  inboxRoutes,
  afterSaleRoutes,
  reviewRoutes,
  reconciliationRoutes,
  settlementRoutes,
  distributionRoutes,
  pointsRoutes,
].flatMap((m) => Object.values(m).filter(isRoute));
