import { Button, Input, Text, View } from '@tarojs/components';
import { fieldLabel } from '../../../platform/ui';
import { useRef, useState } from 'react';
import { BUSINESS_TYPES, type CategoryRoot } from '@wxshop/shared';
import { useI18n } from '../../../i18n';
import { applyForStore, reapplyForStore, uploadApplicationDocument } from '../../../services/onboarding';
import { errorCode, errorText, isApiError, toast } from '../../../services/request';
import { CategoryPicker } from '../../components/category-picker';
import { FieldError } from '../../components/field-error';
import { MediaGrid } from '../../components/media-grid';
import { buildApplicationInput, MAX_DOCUMENTS, type ApplicationForm } from '../../lib/application-form';
import { newIdempotencyKey } from '../../lib/keys';
import { apiFieldErrors, type FieldErrors } from '../../lib/product-form';
import { useUploader } from '../../lib/use-upload';
import { checkImage } from '../../lib/uploads';

interface Props {
  tree: readonly CategoryRoot[];
  initial: ApplicationForm;
  /** Set when reapplying after a rejection (PUT), null for a first application (POST). */
  applicationId: string | null;
  onDone: () => void;
  onCancel?: () => void;
}

export function ApplicationFormView({ tree, initial, applicationId, onDone, onCancel }: Props) {
  const { t } = useI18n();
  const [form, setForm] = useState<ApplicationForm>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const uploader = useUploader();
  const key = useRef(newIdempotencyKey('apply'));

  const set = <K extends keyof ApplicationForm>(field: K, value: ApplicationForm[K]) => {
    setForm((f) => ({ ...f, [field]: value }));
    // The API names the documents `documentKeys`.
    const path = field === 'documents' ? 'documentKeys' : field;
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== path && !k.startsWith(`${path}.`))) as FieldErrors);
    setFormError(null);
    key.current = newIdempotencyKey('apply');
  };

  const addDocuments = async () => {
    const added = await uploader.pickAndUpload('image', MAX_DOCUMENTS - form.documents.length, checkImage, uploadApplicationDocument);
    if (added.length) set('documents', [...form.documents, ...added].slice(0, MAX_DOCUMENTS));
  };

  const submit = async () => {
    const { input, errors: found } = buildApplicationInput(form);
    setErrors(found);
    setFormError(null);
    if (!input) return setFormError(t('merchant.err.check_fields'));
    setBusy(true);
    try {
      if (applicationId) await reapplyForStore(applicationId, input, key.current);
      else await applyForStore(input, key.current);
      toast(t('merchant.apply.submitted'));
      onDone();
    } catch (e) {
      if (isApiError(e) && e.fields) setErrors(apiFieldErrors(e.fields));
      setFormError(errorCode(e) === 'conflict' ? t('merchant.apply.conflict') : isApiError(e) && e.fields ? t('merchant.err.check_fields') : errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const input = (field: 'storeName' | 'licenceNumber' | 'contactName' | 'contactPhone', id: string, placeholder: string, max: number) => (
    <View className="field">
      <Text className="field__label">{t(`merchant.apply.${FIELD_LABEL[field]}`)}</Text>
      <Input
        {...fieldLabel(t(`merchant.apply.${FIELD_LABEL[field]}`))}
        id={id}
        className={`field__input ${errors[field] ? 'field__input--bad' : ''}`}
        type={field === 'contactPhone' ? 'number' : 'text'}
        maxlength={max}
        placeholder={placeholder}
        value={form[field]}
        onInput={(e) => set(field, e.detail.value)}
      />
      <FieldError errors={errors} path={field} />
    </View>
  );

  return (
    <View id="apply-form" className="card m-form">
      <Text className="m-form__title">{applicationId ? t('merchant.apply.reapply_title') : t('merchant.apply.form_title')}</Text>
      <Text className="m-form__intro">{t('merchant.apply.intro')}</Text>
      <View className="field">
        <Text className="field__label">{t('merchant.apply.business_type')}</Text>
        <View className="segmented">
          {BUSINESS_TYPES.map((bt) => (
            <View
              key={bt}
              id={`apply-type-${bt}`}
              className={`segmented__item ${form.businessType === bt ? 'segmented__item--active' : ''}`}
              onClick={() => set('businessType', bt)}
            >
              {t(`merchant.apply.type.${bt}`)}
            </View>
          ))}
        </View>
      </View>
      {input('storeName', 'apply-store-name', t('merchant.apply.store_name_hint'), 40)}
      {input('licenceNumber', 'apply-licence', t('merchant.apply.licence_hint'), 32)}
      {input('contactName', 'apply-contact-name', '', 32)}
      {input('contactPhone', 'apply-contact-phone', t('merchant.apply.phone_hint'), 16)}
      <View className="field">
        <Text className="field__label">{t('merchant.apply.category')}</Text>
        <CategoryPicker idPrefix="apply-category" tree={tree} value={form.categoryId} onChange={(id) => set('categoryId', id)} mode="top" />
        <FieldError errors={errors} path="categoryId" />
      </View>
      <View className="field">
        <Text className="field__label">{t('merchant.apply.documents')}</Text>
        <Text className="m-help">{t('merchant.apply.documents_help')}</Text>
        <MediaGrid
          idPrefix="apply-docs"
          items={form.documents}
          max={MAX_DOCUMENTS}
          busy={uploader.busy}
          onAdd={() => void addDocuments()}
          onRemove={(i) =>
            set(
              'documents',
              form.documents.filter((_, j) => j !== i),
            )
          }
        />
        <FieldError errors={errors} path="documentKeys" />
      </View>
      {formError ? (
        <Text id="apply-error" className="form-error">
          {formError}
        </Text>
      ) : null}
      <Button
        id="apply-submit"
        className="btn btn--primary"
        loading={busy || undefined}
        disabled={busy || uploader.busy || undefined}
        onClick={() => void submit()}
      >
        {applicationId ? t('merchant.apply.resubmit') : t('merchant.apply.submit')}
      </Button>
      {onCancel ? (
        <Button id="apply-cancel" className="btn btn--ghost m-gap" onClick={onCancel}>
          {t('merchant.common.cancel')}
        </Button>
      ) : null}
    </View>
  );
}

const FIELD_LABEL = { storeName: 'store_name', licenceNumber: 'licence', contactName: 'contact_name', contactPhone: 'contact_phone' } as const;
