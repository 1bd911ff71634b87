export * from './money';
export * from './errors';
export * from './auth';
export * from './users';
export * from './i18n/languages';
export * from './i18n/keys';
export * from './catalog';
export * from './api';
