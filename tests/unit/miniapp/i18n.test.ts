import { ERROR_CODES } from '@wxshop/shared/errors';
import { LANGUAGES } from '@wxshop/shared/i18n/languages';
import { MESSAGE_KEYS, isMessageKey } from '@wxshop/shared/i18n/messages';
import { formatMessage } from '@wxshop/shared/i18n/keys';
import { CATALOG, en } from '../../../shared/src/i18n/messages';
import { matchLanguage, pickLanguage } from '../../../miniapp/src/i18n/detect';
import { normalizePhone } from '../../../miniapp/src/services/phone';

const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();

describe('message catalog', () => {
  it.each(LANGUAGES)('%s has every key, each a non-empty string', (lang) => {
    const messages = CATALOG[lang];
    expect(Object.keys(messages).sort()).toEqual([...MESSAGE_KEYS].sort());
    for (const key of MESSAGE_KEYS) expect(messages[key].trim()).not.toBe('');
  });

  it('has a message for every API error code', () => {
    const missing = ERROR_CODES.filter((code) => !isMessageKey(`error.${code}`));
    expect(missing).toEqual([]);
  });

  it.each(LANGUAGES)('%s keeps the placeholders of the English text', (lang) => {
    for (const key of MESSAGE_KEYS) expect({ key, p: placeholders(CATALOG[lang][key]) }).toEqual({ key, p: placeholders(en[key]) });
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s is translated, not an English copy', (lang) => {
    const same = MESSAGE_KEYS.filter((key) => CATALOG[lang][key] === en[key]);
    // Brand and loan words may stay the same (WeChat, Alipay, Euro, Status...), but only a few.
    expect(same.length).toBeLessThan(MESSAGE_KEYS.length * 0.06);
  });

  it('writes zh-CN in Chinese', () => {
    const latinOnly = MESSAGE_KEYS.filter((key) => !/[\u4e00-\u9fff]/.test(CATALOG['zh-CN'][key]));
    expect(latinOnly).toEqual(['login.email_placeholder']);
  });

  it('fills placeholders', () => {
    expect(formatMessage(CATALOG.de['login.resend_in'], { seconds: 42 })).toBe('Erneut senden in 42 s');
    expect(formatMessage('{a} {b}', { a: 1 })).toBe('1 {b}');
  });
});

describe('first-screen language', () => {
  it('prefers the stored choice, then the system language, then zh-CN', () => {
    expect(pickLanguage('fr', 'en-US')).toBe('fr');
    expect(pickLanguage(undefined, 'en-US')).toBe('en');
    expect(pickLanguage('klingon', 'de_DE')).toBe('de');
    expect(pickLanguage(undefined, 'ja-JP')).toBe('zh-CN');
    expect(pickLanguage(undefined, undefined)).toBe('zh-CN');
  });

  it('understands WeChat, Alipay and browser language tags', () => {
    expect(matchLanguage('zh_CN')).toBe('zh-CN');
    expect(matchLanguage('zh-Hans')).toBe('zh-CN');
    expect(matchLanguage('zh_TW')).toBe('zh-CN');
    expect(matchLanguage('es-419')).toBe('es');
    expect(matchLanguage('FR')).toBe('fr');
    expect(matchLanguage('pt-BR')).toBeNull();
  });
});

describe('phone input', () => {
  it('turns what a shopper types into E.164', () => {
    expect(normalizePhone('138 0000 0000')).toBe('+8613800000000');
    expect(normalizePhone('8613800000000')).toBe('+8613800000000');
    expect(normalizePhone('008613800000000')).toBe('+8613800000000');
    expect(normalizePhone('+14155550100')).toBe('+14155550100');
    expect(normalizePhone('12345')).toBeNull();
    expect(normalizePhone('')).toBeNull();
  });
});
