import { Button, Text, View } from '@tarojs/components';
import { formatMoney, type Money } from '@wxshop/shared';
import { useI18n } from '../../i18n';
import { Check } from './check';

interface Props {
  editing: boolean;
  allChecked: boolean;
  busy: boolean;
  total: Money | null;
  /** Lines to check out (selected and buyable), or lines marked for deletion when editing. */
  count: number;
  onToggleAll: () => void;
  onCheckout: () => void;
  onDelete: () => void;
}

/** The bar under the lines: select all, the selected total, check out (or, editing, delete the marked lines). */
export function CartFooter({ editing, allChecked, busy, total, count, onToggleAll, onCheckout, onDelete }: Props) {
  const { lang, t } = useI18n();
  return (
    <View id="cart-footer" className="cart-footer">
      <View className="cart-footer__all">
        <Check id="cart-select-all" checked={allChecked} disabled={busy && !editing} label={t('cart.select_all')} onToggle={onToggleAll} />
        <Text className="cart-footer__all-label" aria-hidden>
          {t('cart.select_all')}
        </Text>
      </View>
      {editing ? (
        <Button id="cart-delete" className="btn btn--ghost btn--small cart-footer__action" disabled={count === 0 || busy || undefined} onClick={onDelete}>
          {t('cart.delete', { count })}
        </Button>
      ) : (
        <>
          <View className="cart-footer__sum">
            <Text className="cart-footer__total-label">{t('cart.total')}</Text>
            <Text id="cart-total" className="cart-footer__total">
              {total ? formatMoney(total, lang) : '—'}
            </Text>
            <Text className="cart-footer__hint">{t('cart.total_hint')}</Text>
          </View>
          <Button
            id="cart-checkout"
            className="btn btn--primary btn--small cart-footer__action"
            disabled={count === 0 || busy || undefined}
            onClick={onCheckout}
          >
            {t('cart.checkout', { count })}
          </Button>
        </>
      )}
    </View>
  );
}
