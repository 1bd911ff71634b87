import { Text, View } from '@tarojs/components';
import type { CartStore } from '../../services/cart';
import { useI18n } from '../../i18n';
import { go, shopUrls } from '../../services/browse';
import { blocked, CartLineRow } from './cart-line-row';
import { Check } from './check';

interface Props {
  store: CartStore;
  editing: boolean;
  marked: ReadonlySet<string>;
  busy: boolean;
  onSelectStore: (selected: boolean) => void;
  onSelectLine: (skuId: string, selected: boolean) => void;
  onMark: (skuIds: string[], marked: boolean) => void;
  onQuantity: (skuId: string, quantity: number) => void;
}

/** One store's lines (`#cart-store-<merchantId>`) with a box that selects (or, editing, marks) them all. */
export function StoreGroup({ store, editing, marked, busy, onSelectStore, onSelectLine, onMark, onQuantity }: Props) {
  const { t } = useI18n();
  const buyable = store.lines.filter((l) => !blocked(l));
  const allSelected = buyable.length > 0 && buyable.every((l) => l.selected);
  const allMarked = store.lines.every((l) => marked.has(l.skuId));
  const name = store.storeName || t('shop.store');
  return (
    <View id={`cart-store-${store.merchantId}`} className="card cart-store">
      <View className="cart-store__head">
        {editing ? (
          <Check
            id={`cart-mark-store-${store.merchantId}`}
            checked={allMarked}
            label={t('cart.mark_store', { store: name })}
            onToggle={() =>
              onMark(
                store.lines.map((l) => l.skuId),
                !allMarked,
              )
            }
          />
        ) : (
          <Check
            id={`cart-select-store-${store.merchantId}`}
            checked={allSelected}
            disabled={busy || buyable.length === 0}
            label={t('cart.select_store', { store: name })}
            onToggle={() => onSelectStore(!allSelected)}
          />
        )}
        <Text className="cart-store__name" onClick={() => go(shopUrls.store(store.merchantId))}>
          {name}
        </Text>
        <Text className="row__chevron">›</Text>
      </View>
      {store.lines.map((line) => (
        <CartLineRow
          key={line.skuId}
          line={line}
          editing={editing}
          marked={marked.has(line.skuId)}
          busy={busy}
          onSelect={() => onSelectLine(line.skuId, !line.selected)}
          onMark={() => onMark([line.skuId], !marked.has(line.skuId))}
          onQuantity={(q) => onQuantity(line.skuId, q)}
        />
      ))}
    </View>
  );
}
