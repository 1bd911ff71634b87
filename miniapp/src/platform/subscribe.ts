// Fallback for targets without their own file (Alipay, and for tsc): behaves like H5 (no subscribe messages).
export { platformSubscribe } from './subscribe.h5';
