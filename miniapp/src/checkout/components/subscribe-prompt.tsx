import { Button, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n';
import { platformSubscribe } from '../../platform/subscribe';
import { acceptSubscriptions, fetchSubscriptions, type SubscribeTopic } from '../../services/inbox';
import { toast, toastError } from '../../services/request';

/** The topics a paid order has still to come (order_paid has happened): WeChat asks for at most 3 templates at once. */
const AFTER_PAYMENT: readonly SubscribeTopic[] = ['order_shipped', 'order_delivered', 'parcel_update'];

/**
 * On the pay result page of a paid checkout (WeChat only, H5 and Alipay skip it): "Notify me" asks
 * wx.requestSubscribeMessage for the order topics whose template the deployment configures (WeChat
 * asks only from a tap) and reports the accepted ones (each acceptance allows one message, ADR 0049).
 */
export function SubscribePrompt() {
  const { t } = useI18n();
  const [templates, setTemplates] = useState<{ topic: SubscribeTopic; templateId: string }[] | null>(null);
  const [state, setState] = useState<'idle' | 'asking' | 'done'>('idle');

  useEffect(() => {
    if (!platformSubscribe.supported) return;
    let live = true;
    fetchSubscriptions().then(
      (s) => {
        if (!live) return;
        const ids = s.topics.filter(
          (x): x is { topic: SubscribeTopic; templateId: string; remaining: number } => AFTER_PAYMENT.includes(x.topic) && !!x.templateId,
        );
        setTemplates(ids.map(({ topic, templateId }) => ({ topic, templateId })));
      },
      // no prompt when the topics cannot be read: the inbox still has the news
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);

  if (!platformSubscribe.supported || !templates || templates.length === 0 || state === 'done') return null;

  const ask = async () => {
    setState('asking');
    try {
      const answers = await platformSubscribe.request(templates.map((x) => x.templateId));
      const accepted = templates.filter((x) => answers[x.templateId] === 'accept').map((x) => x.topic);
      if (accepted.length > 0) {
        await acceptSubscriptions(accepted);
        toast(t('inbox.subscribed'));
      } else toast(t('inbox.subscribe_declined'));
      setState('done');
    } catch (e) {
      toastError(e);
      setState('idle');
    }
  };

  return (
    <View id="result-subscribe" className="card co-card">
      <Text className="co-result__title">{t('inbox.subscribe_title')}</Text>
      <Text className="co-result__body">{t('inbox.subscribe_body')}</Text>
      <Button id="result-subscribe-ask" className="btn btn--ghost" loading={state === 'asking' || undefined} onClick={() => void ask()}>
        {t('inbox.subscribe_action')}
      </Button>
    </View>
  );
}
