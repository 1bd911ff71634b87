import type { SpecDimension } from '@wxshop/shared';
import { countLabel, shortDateTime } from '../../../miniapp/src/admin/lib/format';
import { emptyLocalizedForm, localizedForm, providedLanguages, toLocalizedText } from '../../../miniapp/src/admin/lib/localized';
import { reviewSkus, skuLabel } from '../../../miniapp/src/admin/lib/sku';

describe('category names in five languages', () => {
  it('sends trimmed names and leaves out empty languages', () => {
    // Prepare
    const form = { ...emptyLocalizedForm(), 'zh-CN': ' 绿茶 ', en: 'Green tea ', fr: '  ' };

    // Act
    const result = toLocalizedText(form);

    // Assert
    expect(result).toEqual({ ok: true, text: { 'zh-CN': '绿茶', en: 'Green tea' } });
  });

  it('refuses a name without Chinese, and one that is too long', () => {
    // Assert
    expect(toLocalizedText({ ...emptyLocalizedForm(), en: 'Tea' })).toEqual({ ok: false, problem: 'zh_required', lang: 'zh-CN' });
    expect(toLocalizedText({ ...emptyLocalizedForm(), 'zh-CN': '茶', de: 'T'.repeat(41) }, 40)).toEqual({ ok: false, problem: 'too_long', lang: 'de' });
  });

  it('fills the form from a stored name and lists the languages given', () => {
    // Assert
    expect(localizedForm({ 'zh-CN': '茶', es: 'Té' })).toEqual({ 'zh-CN': '茶', en: '', es: 'Té', fr: '', de: '' });
    expect(providedLanguages({ 'zh-CN': '茶', de: 'Tee', en: ' ' })).toEqual(['zh-CN', 'de']);
  });
});

describe('SKU lines for review', () => {
  const specs: SpecDimension[] = [
    { name: { 'zh-CN': '颜色', en: 'Colour' }, values: [{ 'zh-CN': '红', en: 'Red' }, { 'zh-CN': '蓝' }] },
    { name: { 'zh-CN': '尺码' }, values: [{ 'zh-CN': 'S' }, { 'zh-CN': 'L' }] },
  ];

  it('names the combination in the current language, falling back to Chinese', () => {
    // Assert
    expect(skuLabel(specs, { specIndexes: [0, 1], specValues: ['红', 'L'] }, 'en')).toBe('Red / L');
    expect(skuLabel(specs, { specIndexes: [1, 0], specValues: ['蓝', 'S'] }, 'en')).toBe('蓝 / S');
    expect(skuLabel([], { specIndexes: [], specValues: [] }, 'en')).toBe('');
  });

  it('uses the stored values when the spec no longer has that index', () => {
    // Assert
    expect(skuLabel(specs, { specIndexes: [5], specValues: ['绿'] }, 'en')).toBe('绿');
  });

  it('lists removed combinations last, keeping the matrix order', () => {
    // Prepare
    const skus = [
      { id: 'a', removed: true },
      { id: 'b', removed: false },
      { id: 'c', removed: false },
    ];

    // Act / Assert
    expect(reviewSkus(skus).map((s) => s.id)).toEqual(['b', 'c', 'a']);
  });
});

describe('small formats', () => {
  it('counts a page of a queue, with a plus when there are more pages', () => {
    // Assert
    expect(countLabel(0, false)).toBe('0');
    expect(countLabel(50, true)).toBe('50+');
  });

  it('shows times as date and minutes in the device time zone, and nothing for none', () => {
    // Prepare
    const iso = '2026-11-22T16:05:09.000Z';
    const local = new Date(iso);
    const expected = `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')} ${String(local.getHours()).padStart(2, '0')}:05`;

    // Assert
    expect(shortDateTime(iso)).toBe(expected);
    expect(shortDateTime(null)).toBe('');
  });
});
