import Taro from '@tarojs/taro';
import { Button } from '@tarojs/components';
import { useI18n } from '../../i18n';
import { toast, toastError } from '../../services/request';

/** "Copy" beside a number (order number, tracking number); its accessible name says what it copies. */
export function CopyButton({ id, text, what }: { id: string; text: string; what: string }) {
  const { t } = useI18n();
  const copy = async () => {
    try {
      await Taro.setClipboardData({ data: text });
      toast(t('orders.copied'));
    } catch (e) {
      toastError(e);
    }
  };
  return (
    <Button id={id} className="o-copy" aria-label={t('orders.copy_label', { what })} onClick={() => void copy()}>
      {t('orders.copy')}
    </Button>
  );
}
