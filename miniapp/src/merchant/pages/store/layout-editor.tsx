import { Button, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { localize, MAX_LAYOUT_BLOCKS } from '@wxshop/shared';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { fetchProduct, fetchProducts } from '../../../services/catalog-admin';
import { saveStoreLayout, type StoreProfile } from '../../../services/merchant';
import { fetchCategoryTree } from '../../../services/onboarding';
import { errorText, toast } from '../../../services/request';
import { BLOCK_TYPES, canAddBlock, draftFromBlock, layoutInput, newBlock, type BlockDraft } from '../../lib/layout';
import { move } from '../../lib/product-form';
import { BlockCard } from './block-card';

interface Props {
  merchantId: string;
  store: StoreProfile;
  editable: boolean;
  onSaved: (s: StoreProfile) => void;
}

/** The store home: ordered blocks (banner, featured products, category strip) to add, fill, move and remove; saved as a whole. */
export function LayoutEditor({ merchantId, store, editable, onSaved }: Props) {
  const { lang, t } = useI18n();
  const [blocks, setBlocks] = useState<BlockDraft[]>(() => store.blocks.map(draftFromBlock));
  const [incomplete, setIncomplete] = useState<number[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // What blocks can point at: the store's products on sale, the category tree.
  const [products, loadProducts] = useRemote(() => fetchProducts(merchantId, 'approved', undefined, 100));
  const [tree, loadTree] = useRemote(fetchCategoryTree);
  const needsProducts = blocks.some((b) => b.type === 'featured_products');
  const needsTree = blocks.some((b) => b.type === 'category_strip');
  useEffect(() => {
    if (needsProducts && products.status === 'idle') void loadProducts();
    if (needsTree && tree.status === 'idle') void loadTree();
  }, [needsProducts, needsTree, products.status, tree.status, loadProducts, loadTree]);

  // Featured products beyond the loaded page: their titles one by one (at most 20 per block).
  const [titles, setTitles] = useState<Record<string, string>>({});
  const loadedIds = products.status === 'ok' ? products.data.items.map((r) => r.id).join() : null;
  const unknown =
    loadedIds === null
      ? []
      : blocks.flatMap((b) => (b.type === 'featured_products' ? b.productIds : [])).filter((id) => !loadedIds.includes(id) && !(id in titles));
  const unknownKey = unknown.join();
  useEffect(() => {
    if (!unknownKey) return;
    void Promise.allSettled(unknownKey.split(',').map((id) => fetchProduct(merchantId, id))).then((results) => {
      const found: Record<string, string> = {};
      results.forEach((r, i) => {
        const id = unknownKey.split(',')[i]!;
        found[id] = r.status === 'fulfilled' ? localize(r.value.title, lang) : `…${id.slice(-6)}`;
      });
      setTitles((t) => ({ ...t, ...found }));
    });
  }, [unknownKey, merchantId, lang]);

  const change = (next: BlockDraft[]) => {
    setBlocks(next);
    setIncomplete([]);
    setFormError(null);
  };

  const save = async () => {
    const out = layoutInput(blocks);
    if ('incomplete' in out) {
      setIncomplete(out.incomplete);
      return setFormError(t('merchant.layout.incomplete'));
    }
    setBusy(true);
    setFormError(null);
    try {
      onSaved(await saveStoreLayout(merchantId, out));
      toast(t('merchant.common.saved'));
    } catch (e) {
      setFormError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View id="store-layout" className="card m-section">
      <View className="m-section__head">
        <Text className="m-section__title">{t('merchant.layout.title')}</Text>
        <Text className="m-muted">
          {blocks.length}/{MAX_LAYOUT_BLOCKS}
        </Text>
      </View>
      <Text className="m-help">{t('merchant.layout.help')}</Text>
      {blocks.length === 0 ? (
        <Text id="layout-empty" className="m-empty-line">
          {t('merchant.layout.empty')}
        </Text>
      ) : null}
      {blocks.map((b, i) => (
        <BlockCard
          key={i}
          index={i}
          count={blocks.length}
          block={b}
          merchantId={merchantId}
          editable={editable}
          incomplete={incomplete.includes(i)}
          products={products}
          titles={titles}
          tree={tree}
          onRetryProducts={() => void loadProducts()}
          onRetryTree={() => void loadTree()}
          onChange={(nb) => change(blocks.map((x, j) => (j === i ? nb : x)))}
          onMove={(dir) => change(move(blocks, i, dir))}
          onRemove={() => change(blocks.filter((_, j) => j !== i))}
        />
      ))}
      {editable ? (
        <View>
          {canAddBlock(blocks) ? (
            <View className="m-chips m-gap">
              {BLOCK_TYPES.map((type) => (
                <View key={type} id={`layout-add-${type}`} className="m-chip m-chip--add" onClick={() => change([...blocks, newBlock(type)])}>
                  + {t(`merchant.layout.block.${type}`)}
                </View>
              ))}
            </View>
          ) : null}
          {formError ? (
            <Text id="layout-error" className="form-error">
              {formError}
            </Text>
          ) : null}
          <Button id="layout-save" className="btn btn--primary" loading={busy || undefined} disabled={busy || undefined} onClick={() => void save()}>
            {t('merchant.layout.save')}
          </Button>
        </View>
      ) : null}
    </View>
  );
}
