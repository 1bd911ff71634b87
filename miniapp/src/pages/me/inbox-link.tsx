import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { fetchUnreadCount } from '../../services/inbox';
import { getSession } from '../../services/session';

const INBOX_URL = '/orders/pages/inbox/index';

/** "Messages" with the unread count (one cheap read each time the tab shows; none signed out). */
export function InboxLink() {
  const { t } = useI18n();
  const [unread, setUnread] = useState<number | null>(null);

  useDidShow(() => {
    if (!getSession()) return setUnread(null);
    // the count is a hint: a failure shows none rather than an error on the Me tab
    fetchUnreadCount().then(setUnread, () => setUnread(null));
  });

  return (
    <View id="me-inbox-link" className="row" role="link" onClick={() => void Taro.navigateTo({ url: INBOX_URL })}>
      <Text>{t('me.inbox')}</Text>
      <Text className="row__value">
        {unread ? (
          <Text id="me-inbox-unread" className="me__badge" data-count={unread} aria-label={t('me.inbox_unread', { count: unread })}>
            {unread > 99 ? '99+' : unread}
          </Text>
        ) : null}
        <Text className="row__chevron">›</Text>
      </Text>
    </View>
  );
}
