import { Button, View } from '@tarojs/components';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { Sheet } from './sheet';

export const CANCEL_REASONS = ['changed_mind', 'wrong_address', 'wrong_items', 'payment_problem', 'other'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

/** Asks why (one of a few reasons, the text of which is sent) and whether to cancel at all. */
export function CancelSheet({ busy, onCancel, onClose }: { busy: boolean; onCancel: (reason: string) => void; onClose: () => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState<CancelReason>('changed_mind');
  return (
    <Sheet id="order-cancel-sheet" title={t('orders.cancel_title')} body={t('orders.cancel_body')} onClose={onClose}>
      <View className="o-sheet__label" id="order-cancel-reason-label">
        {t('orders.cancel_reason')}
      </View>
      <View className="o-reasons" role="radiogroup" aria-labelledby="order-cancel-reason-label">
        {CANCEL_REASONS.map((r) => (
          <View
            key={r}
            id={`order-cancel-reason-${r}`}
            className={`o-reason ${r === reason ? 'o-reason--on' : ''}`}
            role="radio"
            aria-checked={r === reason}
            onClick={() => setReason(r)}
          >
            <View className="o-reason__dot" />
            {t(`orders.cancel_reason.${r}`)}
          </View>
        ))}
      </View>
      <View className="o-sheet__actions">
        <Button id="order-cancel-keep" className="btn btn--ghost" disabled={busy || undefined} onClick={onClose}>
          {t('orders.keep')}
        </Button>
        <Button
          id="order-cancel-submit"
          className="btn btn--primary"
          loading={busy || undefined}
          disabled={busy || undefined}
          onClick={() => onCancel(t(`orders.cancel_reason.${reason}`))}
        >
          {t('orders.cancel_submit')}
        </Button>
      </View>
    </Sheet>
  );
}
