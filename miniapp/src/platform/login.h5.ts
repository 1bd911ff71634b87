import type { PlatformLogin } from './types';

/** A browser has no one-tap sign-in: phone + SMS code, or email + password. */
export const platformLogin: PlatformLogin = { native: null, forms: true };
