// Fallback for targets without their own file (and for tsc, Alipay): the in-app confirm.
export { platformOrderConfirm } from './order-confirm.h5';
