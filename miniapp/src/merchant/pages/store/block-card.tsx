import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { localize, type CategoryRoot } from '@wxshop/shared';
import type { Remote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import type { ProductPage } from '../../../services/catalog-admin';
import { uploadStoreImage } from '../../../services/merchant';
import { errorText } from '../../../services/request';
import { MediaGrid } from '../../components/media-grid';
import { flattenCategories } from '../../lib/categories';
import { maxIdsOf, toggleId, type BlockDraft } from '../../lib/layout';
import { useUploader } from '../../lib/use-upload';
import { checkImage } from '../../lib/uploads';

interface Props {
  index: number;
  count: number;
  block: BlockDraft;
  merchantId: string;
  editable: boolean;
  incomplete: boolean;
  products: Remote<ProductPage>;
  /** Titles of featured products that are not in the loaded page. */
  titles: Record<string, string>;
  tree: Remote<CategoryRoot[]>;
  onRetryProducts: () => void;
  onRetryTree: () => void;
  onChange: (b: BlockDraft) => void;
  onMove: (dir: -1 | 1) => void;
  onRemove: () => void;
}

/** One layout block: its content editor and up / down / remove. */
export function BlockCard(p: Props) {
  const { lang, t } = useI18n();
  const { block: b, index: i } = p;
  const uploader = useUploader();
  const [choosing, setChoosing] = useState(false);

  const upload = async () => {
    const [m] = await uploader.pickAndUpload('image', 1, checkImage, (f, type) => uploadStoreImage(p.merchantId, f, type));
    if (m && b.type === 'banner') p.onChange({ ...b, imageKey: m.key, imageUrl: m.url });
  };

  const loading = <Text className="m-muted">{t('common.loading')}</Text>;
  const failed = (e: unknown, retry: () => void) => (
    <Text className="form-error" onClick={retry}>
      {errorText(e)} · {t('common.retry')}
    </Text>
  );

  let content;
  if (b.type === 'banner')
    content = (
      <MediaGrid
        idPrefix={`layout-${i}-image`}
        items={b.imageKey ? [{ key: b.imageKey, url: b.imageUrl ?? '' }] : []}
        max={p.editable ? 1 : 0}
        busy={uploader.busy}
        onAdd={() => void upload()}
        onRemove={() => p.editable && p.onChange({ ...b, imageKey: null, imageUrl: null })}
      />
    );
  else if (b.type === 'featured_products') {
    const page = p.products;
    const rows = page.status === 'ok' || page.status === 'loading' ? (page.data?.items ?? []) : [];
    const title = new Map(rows.map((r) => [r.id, localize(r.title, lang)]));
    const max = maxIdsOf('featured_products');
    content = (
      <View>
        <Input
          id={`layout-${i}-title`}
          className="field__input m-gap-b"
          maxlength={40}
          disabled={!p.editable}
          placeholder={t('merchant.layout.featured_title')}
          value={b.title}
          onInput={(e) => p.onChange({ ...b, title: e.detail.value })}
        />
        <Text className="m-help">{t('merchant.layout.chosen', { n: b.productIds.length, max })}</Text>
        <View className="m-chips">
          {b.productIds.map((id) => (
            <View
              key={id}
              id={`layout-${i}-chosen-${id}`}
              className="m-chip m-chip--active"
              onClick={() => p.editable && p.onChange({ ...b, productIds: toggleId(b.productIds, id, max) })}
            >
              {title.get(id) ?? p.titles[id] ?? `…${id.slice(-6)}`}
              {p.editable ? ' ×' : ''}
            </View>
          ))}
        </View>
        {p.editable ? (
          <Text id={`layout-${i}-choose`} className="m-link" onClick={() => setChoosing(!choosing)}>
            {choosing ? t('merchant.layout.done_choosing') : t('merchant.layout.choose_products')}
          </Text>
        ) : null}
        {choosing ? (
          <View className="m-cat__panel">
            {page.status === 'error' ? failed(page.error, p.onRetryProducts) : page.status !== 'ok' ? loading : null}
            {page.status === 'ok' && rows.length === 0 ? <Text className="m-muted">{t('merchant.layout.no_products')}</Text> : null}
            <View className="m-chips">
              {rows
                .filter((r) => !b.productIds.includes(r.id))
                .map((r) => (
                  <View
                    key={r.id}
                    id={`layout-${i}-product-${r.id}`}
                    className="m-chip"
                    onClick={() => p.onChange({ ...b, productIds: toggleId(b.productIds, r.id, max) })}
                  >
                    + {localize(r.title, lang)}
                  </View>
                ))}
            </View>
          </View>
        ) : null}
      </View>
    );
  } else {
    const tree = p.tree;
    const all = tree.status === 'ok' ? flattenCategories(tree.data, lang) : [];
    const label = new Map(all.map((c) => [c.id, c.label]));
    const max = maxIdsOf('category_strip');
    content = (
      <View>
        <Text className="m-help">{t('merchant.layout.chosen', { n: b.categoryIds.length, max })}</Text>
        {tree.status === 'error' ? failed(tree.error, p.onRetryTree) : tree.status !== 'ok' ? loading : null}
        <View className="m-chips">
          {b.categoryIds.map((id) => (
            <View
              key={id}
              id={`layout-${i}-chosen-${id}`}
              className="m-chip m-chip--active"
              onClick={() => p.editable && p.onChange({ ...b, categoryIds: toggleId(b.categoryIds, id, max) })}
            >
              {label.get(id) ?? `…${id.slice(-6)}`}
              {p.editable ? ' ×' : ''}
            </View>
          ))}
        </View>
        {p.editable ? (
          <Text id={`layout-${i}-choose`} className="m-link" onClick={() => setChoosing(!choosing)}>
            {choosing ? t('merchant.layout.done_choosing') : t('merchant.layout.choose_categories')}
          </Text>
        ) : null}
        {choosing ? (
          <View className="m-cat__panel m-chips">
            {all
              .filter((c) => !b.categoryIds.includes(c.id))
              .map((c) => (
                <View
                  key={c.id}
                  id={`layout-${i}-category-${c.id}`}
                  className="m-chip"
                  onClick={() => p.onChange({ ...b, categoryIds: toggleId(b.categoryIds, c.id, max) })}
                >
                  + {c.label}
                </View>
              ))}
          </View>
        ) : null}
      </View>
    );
  }

  return (
    <View id={`layout-block-${i}`} className={`m-block ${p.incomplete ? 'm-block--bad' : ''}`}>
      <View className="m-block__head">
        <Text className="m-block__title">
          {i + 1}. {t(`merchant.layout.block.${b.type}`)}
        </Text>
        {p.editable ? (
          <View className="m-block__tools">
            <Text id={`layout-up-${i}`} className={`m-icon-btn ${i === 0 ? 'm-icon-btn--off' : ''}`} onClick={() => i > 0 && p.onMove(-1)}>
              ↑
            </Text>
            <Text id={`layout-down-${i}`} className={`m-icon-btn ${i === p.count - 1 ? 'm-icon-btn--off' : ''}`} onClick={() => i < p.count - 1 && p.onMove(1)}>
              ↓
            </Text>
            <Text id={`layout-remove-${i}`} className="m-icon-btn m-icon-btn--danger" onClick={p.onRemove}>
              ×
            </Text>
          </View>
        ) : null}
      </View>
      {content}
      {p.incomplete ? <Text className="m-field-error">{t(`merchant.layout.incomplete.${b.type}`)}</Text> : null}
    </View>
  );
}
