import { Button, Text, View } from '@tarojs/components';
import { useI18n } from '../../../i18n';
import { go, shopUrls } from '../../../services/browse';

interface Props {
  storeId: string;
  favourite: boolean;
  busy: boolean;
  purchasable: boolean;
  onFavourite: () => void;
  onAddToCart: () => void;
  onBuyNow: () => void;
}

/** Bottom bar: store, favourite toggle, "add to cart" and "buy now" ("not for sale" when it cannot be bought). */
export function ActionBar({ storeId, favourite, busy, purchasable, onFavourite, onAddToCart, onBuyNow }: Props) {
  const { t } = useI18n();
  return (
    <View className="product__bar">
      <View className="product__bar-row">
        <View id="product-bar-store" className="product__bar-icon" onClick={() => go(shopUrls.store(storeId))}>
          <Text className="product__bar-glyph">⌂</Text>
          <Text>{t('shop.store')}</Text>
        </View>
        <View
          id="product-favourite"
          className={`product__bar-icon ${favourite ? 'product__bar-icon--on' : ''}`}
          data-favourite={favourite ? 'true' : 'false'}
          onClick={busy ? undefined : onFavourite}
        >
          <Text className="product__bar-glyph">{favourite ? '♥' : '♡'}</Text>
          <Text>{favourite ? t('shop.favourited') : t('shop.favourite')}</Text>
        </View>
        {purchasable ? (
          <>
            <Button id="add-to-cart" className="btn btn--ghost product__cart" disabled={busy || undefined} onClick={onAddToCart}>
              {t('shop.add_to_cart')}
            </Button>
            <Button id="buy-now" className="btn btn--primary product__cart product__buy" disabled={busy || undefined} onClick={onBuyNow}>
              {t('shop.buy_now')}
            </Button>
          </>
        ) : (
          <Button id="add-to-cart" className="btn btn--primary product__cart" disabled>
            {t('shop.not_for_sale')}
          </Button>
        )}
      </View>
    </View>
  );
}
