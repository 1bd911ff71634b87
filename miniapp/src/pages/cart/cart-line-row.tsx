import { Text, View } from '@tarojs/components';
import { formatMoney, MAX_LINE_QUANTITY } from '@wxshop/shared';
import type { CartLine, CartLineChange } from '../../services/cart';
import { Picture } from '../../components/picture';
import { useI18n } from '../../i18n';
import { go, shopUrls } from '../../services/browse';
import { Check } from './check';
import { Stepper } from './stepper';

interface Props {
  line: CartLine;
  /** Edit mode: the box marks lines to delete instead of lines to buy. */
  editing: boolean;
  marked: boolean;
  busy: boolean;
  onSelect: () => void;
  onMark: () => void;
  onQuantity: (quantity: number) => void;
}

/** Lines that cannot be bought at all (gone, sold out): greyed, not selectable for checkout. */
export const blocked = (line: CartLine): boolean => line.changes.some((c) => c.kind === 'off_shelf' || c.kind === 'sold_out');

/** One cart line (`#cart-line-<skuId>`): box, image, title, specs, price, what changed, quantity. */
export function CartLineRow({ line, editing, marked, busy, onSelect, onMark, onQuantity }: Props) {
  const { lang, t } = useI18n();
  const price = line.price ?? line.seenPrice;
  const off = blocked(line);
  const title = line.title || t('cart.gone_title');
  const max = Math.max(1, Math.min(MAX_LINE_QUANTITY, line.stock));
  const flag = (c: CartLineChange): string => {
    switch (c.kind) {
      case 'off_shelf':
        return t('cart.flag_off_shelf');
      case 'sold_out':
        return t('cart.flag_sold_out');
      case 'insufficient_stock':
        return t('cart.flag_short', { count: c.available });
      case 'repriced':
        return t('cart.flag_repriced', { from: formatMoney(c.from, lang), to: formatMoney(c.to, lang) });
    }
  };
  const short = line.changes.find((c) => c.kind === 'insufficient_stock');
  const repriced = line.changes.some((c) => c.kind === 'repriced');
  return (
    <View
      id={`cart-line-${line.skuId}`}
      className={`cart-line ${off && !editing ? 'cart-line--off' : ''}`}
      data-flags={line.changes.map((c) => c.kind).join(' ')}
    >
      {editing ? (
        <Check id={`cart-mark-${line.skuId}`} checked={marked} label={t('cart.mark_line', { title })} onToggle={onMark} />
      ) : (
        <Check
          id={`cart-select-${line.skuId}`}
          checked={line.selected && !off}
          disabled={off || busy}
          label={t('cart.select_line', { title })}
          onToggle={onSelect}
        />
      )}
      <View className="cart-line__image" onClick={() => go(shopUrls.product(line.productId))}>
        {line.imageUrl ? (
          <Picture alt={title} className="cart-line__picture" src={line.imageUrl} mode="aspectFill" lazyLoad />
        ) : (
          <Text className="cart-line__noimage">{t('shop.no_image')}</Text>
        )}
      </View>
      <View className="cart-line__body">
        <Text className="cart-line__title" onClick={() => go(shopUrls.product(line.productId))}>
          {title}
        </Text>
        {line.specValues.length ? <Text className="cart-line__specs">{line.specValues.join(' / ')}</Text> : null}
        {line.changes.length ? (
          <View className="cart-line__flags">
            {line.changes.map((c) => (
              <Text key={c.kind} id={`cart-flag-${line.skuId}-${c.kind}`} className="cart-line__flag">
                {flag(c)}
              </Text>
            ))}
            {short && short.kind === 'insufficient_stock' && short.available > 0 && !editing ? (
              <Text id={`cart-fix-${line.skuId}`} className="cart-line__fix" onClick={busy ? undefined : () => onQuantity(short.available)}>
                {t('cart.fix_quantity', { count: short.available })}
              </Text>
            ) : repriced && !short && !editing ? (
              <Text id={`cart-accept-${line.skuId}`} className="cart-line__fix" onClick={busy ? undefined : () => onQuantity(line.quantity)}>
                {t('cart.accept_price')}
              </Text>
            ) : null}
          </View>
        ) : null}
        <View className="cart-line__foot">
          <Text id={`cart-price-${line.skuId}`} className="cart-line__price">
            {formatMoney(price, lang)}
          </Text>
          {off || editing ? (
            <Text className="cart-line__qty">×{line.quantity}</Text>
          ) : (
            <Stepper id={`cart-qty-${line.skuId}`} value={line.quantity} max={Math.max(max, line.quantity)} disabled={busy} onChange={onQuantity} />
          )}
        </View>
      </View>
    </View>
  );
}
