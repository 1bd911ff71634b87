import { Button, Text, View } from '@tarojs/components';
import { useI18n } from '../../../i18n';
import { go, shopUrls } from '../../../services/browse';

interface Props {
  storeId: string;
  favourite: boolean;
  busy: boolean;
  purchasable: boolean;
  onFavourite: () => void;
}

/** Bottom bar: store, favourite toggle, and "add to cart" (disabled until the cart lands; "not for sale" when it cannot be bought). */
export function ActionBar({ storeId, favourite, busy, purchasable, onFavourite }: Props) {
  const { t } = useI18n();
  return (
    <View className="product__bar">
      {purchasable ? (
        <Text id="cart-soon" className="product__bar-note">
          {t('shop.cart_soon')}
        </Text>
      ) : null}
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
        <Button id="add-to-cart" className="btn btn--primary product__cart" disabled>
          {purchasable ? t('shop.add_to_cart') : t('shop.not_for_sale')}
        </Button>
      </View>
    </View>
  );
}
