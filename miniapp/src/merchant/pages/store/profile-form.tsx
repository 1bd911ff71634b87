import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { fieldLabel } from '../../../platform/ui';
import { useState } from 'react';
import type { Language, UpdateStoreProfileInput } from '@wxshop/shared';
import { useI18n } from '../../../i18n';
import { saveStoreProfile, uploadStoreImage, type StoreProfile } from '../../../services/merchant';
import { errorCode, errorText, isApiError, toast } from '../../../services/request';
import { FieldError } from '../../components/field-error';
import { LangTabs } from '../../components/lang-tabs';
import { MediaGrid } from '../../components/media-grid';
import { apiFieldErrors, type FieldErrors, type UploadedMedia } from '../../lib/product-form';
import { fromLocalized, toLocalized, type TextDraft } from '../../lib/text';
import { useUploader } from '../../lib/use-upload';
import { checkImage } from '../../lib/uploads';

interface Props {
  merchantId: string;
  store: StoreProfile;
  editable: boolean;
  onSaved: (s: StoreProfile) => void;
}

const media = (key: string | null, url: string | null): UploadedMedia | null => (key ? { key, url: url ?? '' } : null);
const sameText = (a: TextDraft, b: TextDraft) => JSON.stringify(toLocalized(a)) === JSON.stringify(toLocalized(b));

/** Name, logo, banner and intro (every language; zh-CN first): only what changed is sent. */
export function ProfileForm({ merchantId, store, editable, onSaved }: Props) {
  const { t } = useI18n();
  const [name, setName] = useState(store.name);
  const [intro, setIntro] = useState<TextDraft>(fromLocalized(store.intro));
  const [lang, setLang] = useState<Language>('zh-CN');
  const [logo, setLogo] = useState<UploadedMedia | null>(media(store.logoKey, store.logoUrl));
  const [banner, setBanner] = useState<UploadedMedia | null>(media(store.bannerKey, store.bannerUrl));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const logoUp = useUploader();
  const bannerUp = useUploader();

  const upload = async (which: 'logo' | 'banner') => {
    const up = which === 'logo' ? logoUp : bannerUp;
    const [m] = await up.pickAndUpload('image', 1, checkImage, (f, type) => uploadStoreImage(merchantId, f, type));
    if (m) (which === 'logo' ? setLogo : setBanner)(m);
  };

  const save = async () => {
    const body: Record<string, unknown> = {};
    const trimmed = name.trim();
    if (trimmed !== store.name) body.name = trimmed;
    if (!sameText(intro, fromLocalized(store.intro))) body.intro = toLocalized(intro);
    if ((logo?.key ?? null) !== store.logoKey) body.logoKey = logo?.key ?? null;
    if ((banner?.key ?? null) !== store.bannerKey) body.bannerKey = banner?.key ?? null;
    setFormError(null);
    const found: FieldErrors = {};
    if (trimmed.length < 2 || trimmed.length > 40) found.name = 'merchant.err.store_name';
    if (!intro['zh-CN']?.trim() && Object.entries(intro).some(([l, v]) => l !== 'zh-CN' && v?.trim())) found.intro = 'merchant.err.zh_required';
    setErrors(found);
    if (Object.keys(found).length) return;
    if (Object.keys(body).length === 0) return toast(t('merchant.common.no_changes'));
    setBusy(true);
    try {
      const next = await saveStoreProfile(merchantId, body as UpdateStoreProfileInput);
      toast(t('merchant.common.saved'));
      onSaved(next);
    } catch (e) {
      if (isApiError(e) && e.fields) setErrors(apiFieldErrors(e.fields));
      setFormError(errorCode(e) === 'conflict' ? t('merchant.store.name_taken') : errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View id="store-profile" className="card m-section">
      <Text className="m-section__title">{t('merchant.store.profile')}</Text>
      <View className="field">
        <Text className="field__label">{t('merchant.store.name')}</Text>
        <Input
          {...fieldLabel(t('merchant.store.name'))}
          id="store-name"
          className="field__input"
          maxlength={40}
          disabled={!editable}
          value={name}
          onInput={(e) => setName(e.detail.value)}
        />
        <FieldError errors={errors} path="name" />
      </View>
      <View className="m-row2">
        <View className="field m-row2__cell">
          <Text className="field__label">{t('merchant.store.logo')}</Text>
          <MediaGrid
            idPrefix="store-logo"
            items={logo ? [logo] : []}
            max={editable ? 1 : 0}
            busy={logoUp.busy}
            onAdd={() => void upload('logo')}
            onRemove={() => editable && setLogo(null)}
          />
        </View>
        <View className="field m-row2__cell m-row2__cell--wide">
          <Text className="field__label">{t('merchant.store.banner')}</Text>
          <MediaGrid
            idPrefix="store-banner"
            items={banner ? [banner] : []}
            max={editable ? 1 : 0}
            busy={bannerUp.busy}
            onAdd={() => void upload('banner')}
            onRemove={() => editable && setBanner(null)}
          />
        </View>
      </View>
      <View className="field">
        <Text className="field__label">{t('merchant.store.intro')}</Text>
        <LangTabs idPrefix="store-intro-lang" value={lang} onChange={setLang} filled={(l) => !!intro[l]?.trim()} />
        <Textarea
          id="store-intro"
          className="m-textarea"
          maxlength={500}
          disabled={!editable}
          placeholder={lang === 'zh-CN' ? t('merchant.store.intro_hint') : t('merchant.common.translation_hint')}
          value={intro[lang] ?? ''}
          onInput={(e) => setIntro((d) => ({ ...d, [lang]: e.detail.value }))}
        />
        <FieldError errors={errors} path="intro" />
      </View>
      {formError ? (
        <Text id="store-error" className="form-error">
          {formError}
        </Text>
      ) : null}
      {editable ? (
        <Button
          id="store-save"
          className="btn btn--primary"
          loading={busy || undefined}
          disabled={busy || logoUp.busy || bannerUp.busy || undefined}
          onClick={() => void save()}
        >
          {t('merchant.store.save_profile')}
        </Button>
      ) : (
        <Text id="store-read-only" className="m-help">
          {t('merchant.common.read_only')}
        </Text>
      )}
    </View>
  );
}
