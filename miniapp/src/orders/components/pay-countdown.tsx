import { Text } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n';
import { countdownText, msUntil } from '../lib/format';

/** "Pay within 29:59", ticking each second; tells once when the time is up (the sweeper cancels the order). */
export function PayCountdown({ id, payBy, onExpired }: { id: string; payBy: string; onExpired?: () => void }) {
  const { t } = useI18n();
  const [now, setNow] = useState(() => Date.now());
  const left = msUntil(payBy, now);
  const over = left <= 0;
  const expiredRef = useRef(onExpired);
  expiredRef.current = onExpired;

  useEffect(() => {
    if (over) {
      expiredRef.current?.();
      return undefined;
    }
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [over]);

  return (
    <Text id={id} className={`o-countdown ${over ? 'o-countdown--over' : ''}`}>
      {!over ? t('orders.pay_within', { time: countdownText(left) }) : t('orders.pay_expired')}
    </Text>
  );
}
