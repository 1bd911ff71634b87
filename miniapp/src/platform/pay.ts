// Fallback for targets without their own file (and for tsc): behaves like H5.
export { platformPay } from './pay.h5';
