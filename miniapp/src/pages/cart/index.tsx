import Taro from '@tarojs/taro';
import { Button, View } from '@tarojs/components';
import { EmptyState } from '../../components/states';
import { usePageTitle } from '../../hooks/use-page-title';
import { useTabBar } from '../../hooks/use-tab-bar';
import { useI18n } from '../../i18n';

/** Cart: empty until the cart API exists. */
export default function CartPage() {
  const { t } = useI18n();
  usePageTitle('cart.title');
  useTabBar();
  return (
    <View id="page-cart" className="page">
      <EmptyState id="cart-empty" icon="cart" title={t('cart.empty_title')} body={t('cart.empty_body')}>
        <Button id="cart-browse" className="btn btn--ghost" onClick={() => void Taro.switchTab({ url: '/pages/home/index' })}>
          {t('cart.browse')}
        </Button>
      </EmptyState>
    </View>
  );
}
