import type { Language } from '../languages';
import type { MainMessages } from '../keys';
import { deMain } from './de';
import { enMain } from './en';
import { esMain } from './es';
import { frMain } from './fr';
import { zhCNMain } from './zh-CN';

/**
 * The main package's messages in every language: everything but the merchant and admin areas,
 * which their subpackages load (`@wxshop/shared/i18n/messages/areas/merchant|admin`).
 */
export const MAIN_CATALOG: Record<Language, MainMessages> = { 'zh-CN': zhCNMain, en: enMain, es: esMain, fr: frMain, de: deMain };
