import { Button, Text, View } from '@tarojs/components';
import type { ITouchEvent } from '@tarojs/components';
import type { SavedProduct } from '@wxshop/shared';
import { ProductCardView } from '../../components/product-card';
import { useI18n } from '../../i18n';

interface Props {
  id: string;
  items: readonly SavedProduct[];
  /** `shop.saved_on` or `shop.viewed_on`. */
  dateKey: 'shop.saved_on' | 'shop.viewed_on';
  /** A remove button per row (`#<id>-remove-<productId>`). */
  onRemove?: (productId: string) => void;
  removing?: string | null;
}

/** Favourites or viewed products as list cards, with the date and (for favourites) a remove button. */
export function SavedList({ id, items, dateKey, onRemove, removing }: Props) {
  const { t } = useI18n();
  return (
    <View id={`${id}-items`} className="product-cards product-cards--list">
      {items.map(({ product, available, at }) => (
        <ProductCardView
          key={product.id}
          card={product}
          layout="list"
          unavailable={!available}
          footer={
            <View className="saved__footer">
              <Text className="saved__date">{t(dateKey, { date: at.slice(0, 10) })}</Text>
              {onRemove ? (
                <Button
                  id={`${id}-remove-${product.id}`}
                  className="btn btn--ghost btn--small saved__remove"
                  disabled={removing === product.id || undefined}
                  onClick={(e: ITouchEvent) => {
                    e.stopPropagation();
                    onRemove(product.id);
                  }}
                >
                  {t('shop.remove')}
                </Button>
              ) : null}
            </View>
          }
        />
      ))}
    </View>
  );
}
