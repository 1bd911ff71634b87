import { Button, View } from '@tarojs/components';
import { useI18n } from '../../i18n';
import { Sheet } from './sheet';

/** "Received everything?" before the in-app confirm of receipt. */
export function ConfirmSheet({ busy, onConfirm, onClose }: { busy: boolean; onConfirm: () => void; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Sheet id="order-confirm-sheet" title={t('orders.confirm_title')} body={t('orders.confirm_body')} onClose={onClose}>
      <View className="o-sheet__actions">
        <Button id="order-confirm-back" className="btn btn--ghost" disabled={busy || undefined} onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button id="order-confirm-submit" className="btn btn--primary" loading={busy || undefined} disabled={busy || undefined} onClick={onConfirm}>
          {t('orders.confirm')}
        </Button>
      </View>
    </Sheet>
  );
}
