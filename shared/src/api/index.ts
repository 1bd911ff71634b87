/** Every area's routes, for the mini-program's root barrel. Functions import `@wxshop/shared/api/<area>` instead. */
export * from './route';
export * from './params';
export * from './auth-routes';
export * from './me-routes';
export * from './admin-routes';
export * from './merchant-routes';
export * from './category-routes';
export * from './browse-routes';
export * from './catalog-routes';
export * from './cart-routes';
export * from './address-routes';
export * from './shipping-routes';
export * from './order-routes';
export * from './payment-routes';
export * from './payment-account-routes';
export * from './inbox-routes';
export * from './review-routes';
