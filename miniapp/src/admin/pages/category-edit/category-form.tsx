import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { fieldLabel } from '../../../platform/ui';
import { Picture } from '../../../components/picture';
import { useState } from 'react';
import { LANGUAGES, type Category, type UpdateCategoryInput } from '@wxshop/shared';
import { LANGUAGE_NAMES, useI18n } from '../../../i18n';
import { addCategory, editCategory, iconProblem, pickCategoryIcon, uploadCategoryIcon } from '../../../services/admin-categories';
import { errorText, isApiError, toast } from '../../../services/request';
import { useIdempotencyKey } from '../../components/keys';
import { localizedForm, toLocalizedText, type LocalizedForm } from '../../lib/localized';

const NAME_MAX = 40;

/** Names in the five languages (Chinese required) and an optional icon, uploaded straight to storage when picked. */
export function CategoryForm({ existing, parentId }: { existing?: Category; parentId: string | null }) {
  const { t } = useI18n();
  const [names, setNames] = useState<LocalizedForm>(() => localizedForm(existing?.name));
  // undefined: unchanged; null: removed; a string: a newly uploaded key.
  const [iconKey, setIconKey] = useState<string | null | undefined>(undefined);
  const [iconPreview, setIconPreview] = useState<string | null>(existing?.iconUrl ?? null);
  const [uploading, setUploading] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const key = useIdempotencyKey('category');

  const pick = async () => {
    setError(null);
    let file;
    try {
      file = await pickCategoryIcon();
    } catch {
      return setError(t('admin.icon_upload_failed'));
    }
    if (!file) return;
    const problem = iconProblem(file);
    if (problem) return setError(t(problem === 'type' ? 'admin.icon_wrong_type' : 'admin.icon_too_large'));
    setUploading(true);
    try {
      setIconKey(await uploadCategoryIcon(file));
      setIconPreview(file.previewUrl);
    } catch (e) {
      setError(isApiError(e) ? errorText(e) : t('admin.icon_upload_failed'));
    } finally {
      setUploading(false);
    }
  };

  const removeIcon = () => {
    setIconKey(null);
    setIconPreview(null);
  };

  const save = async () => {
    const name = toLocalizedText(names, NAME_MAX);
    if (!name.ok) return setError(name.problem === 'zh_required' ? t('admin.category_name_required') : t('admin.category_name_too_long', { max: NAME_MAX }));
    setError(null);
    setSaving(true);
    try {
      if (existing) {
        const changes: UpdateCategoryInput = { name: name.text };
        if (iconKey !== undefined) changes.iconKey = iconKey;
        await editCategory(existing.id, changes);
      } else {
        await addCategory({ parentId, name: name.text, ...(iconKey ? { iconKey } : {}) }, key.current());
        key.renew();
      }
      toast(t('common.saved'));
      setTimeout(() => {
        if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
        else void Taro.redirectTo({ url: '/admin/pages/categories/index' });
      }, 500);
    } catch (e) {
      if (isApiError(e) && e.status > 0) key.renew();
      setError(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className="card admin__form">
      {LANGUAGES.map((lang) => (
        <View key={lang} className="field">
          <Text className="field__label">
            {LANGUAGE_NAMES[lang]}
            {lang === 'zh-CN' ? ` · ${t('admin.required')}` : ` · ${t('admin.optional')}`}
          </Text>
          <Input
            {...fieldLabel(LANGUAGE_NAMES[lang])}
            id={`category-name-${lang}`}
            className="field__input"
            maxlength={NAME_MAX}
            value={names[lang]}
            onInput={(e) => setNames((n) => ({ ...n, [lang]: e.detail.value }))}
          />
        </View>
      ))}
      <View className="field">
        <Text className="field__label">{t('admin.category_icon')}</Text>
        <View className="admin__icon-row">
          {iconPreview ? (
            <Picture alt="" id="category-icon" className="admin__icon-preview" src={iconPreview} mode="aspectFill" />
          ) : (
            <View className="admin__icon-preview admin__icon-preview--empty">{t('admin.icon_none')}</View>
          )}
          <Button
            id="category-icon-pick"
            className="btn btn--small btn--ghost"
            loading={uploading || undefined}
            disabled={uploading || saving || undefined}
            onClick={() => void pick()}
          >
            {iconPreview ? t('admin.icon_replace') : t('admin.icon_pick')}
          </Button>
          {iconPreview ? (
            <Button id="category-icon-remove" className="btn btn--small btn--danger" disabled={uploading || saving || undefined} onClick={removeIcon}>
              {t('admin.icon_remove')}
            </Button>
          ) : null}
        </View>
        <Text className="admin__hint">{t('admin.icon_rules')}</Text>
      </View>
      {error ? (
        <Text id="category-error" className="form-error">
          {error}
        </Text>
      ) : null}
      <Button
        id="category-save"
        className="btn btn--primary"
        loading={saving || undefined}
        disabled={saving || uploading || undefined}
        onClick={() => void save()}
      >
        {existing ? t('admin.category_save') : t('admin.category_create')}
      </Button>
    </View>
  );
}
