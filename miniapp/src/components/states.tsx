import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { Picture } from './picture';
import type { ReactNode } from 'react';
import cartIcon from '../assets/state/cart.png';
import categoryIcon from '../assets/state/category.png';
import homeIcon from '../assets/state/home.png';
import lockIcon from '../assets/state/lock.png';
import meIcon from '../assets/state/me.png';
import { useI18n } from '../i18n';
import { errorText } from '../services/request';
import './states.scss';

const ICONS = { cart: cartIcon, category: categoryIcon, home: homeIcon, lock: lockIcon, me: meIcon } as const;
export type StateIcon = keyof typeof ICONS;

export function Loading({ id = 'state-loading' }: { id?: string }) {
  const { t } = useI18n();
  return (
    <View id={id} className="state state--loading">
      <View className="state__spinner" />
      <Text className="state__body">{t('common.loading')}</Text>
    </View>
  );
}

interface EmptyProps {
  id?: string;
  icon?: StateIcon;
  title: string;
  body?: string;
  children?: ReactNode;
}

/** An empty or "no access" screen: a title, a line of explanation, an optional action. */
export function EmptyState({ id = 'state-empty', icon = 'home', title, body, children }: EmptyProps) {
  return (
    <View id={id} className="state state--empty">
      <Picture alt="" className="state__image" src={ICONS[icon]} />
      <Text id={`${id}-title`} className="state__title">
        {title}
      </Text>
      {body ? <Text className="state__body">{body}</Text> : null}
      {children ? <View className="state__actions">{children}</View> : null}
    </View>
  );
}

/** A failed load: the translated error message and a retry button. */
export function ErrorState({ error, onRetry, id = 'state-error' }: { error: unknown; onRetry?: () => void; id?: string }) {
  const { t } = useI18n();
  return (
    <View id={id} className="state state--error">
      <View className="state__icon">!</View>
      <Text className="state__title">{t('common.error_title')}</Text>
      <Text id={`${id}-message`} className="state__body">
        {errorText(error)}
      </Text>
      {onRetry ? (
        <Button id={`${id}-retry`} className="btn btn--ghost state__action" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      ) : null}
    </View>
  );
}

/** For pages that need an account: explains and links to the login page (which comes back here). */
export function SignInRequired({ id = 'state-signin' }: { id?: string }) {
  const { t } = useI18n();
  return (
    <EmptyState id={id} icon="lock" title={t('common.sign_in_required_title')} body={t('common.sign_in_required_body')}>
      <Button id={`${id}-button`} className="btn btn--primary state__action" onClick={() => void Taro.navigateTo({ url: '/pages/login/index' })}>
        {t('common.sign_in')}
      </Button>
    </EmptyState>
  );
}

/** The end of a paged list: "load more" while there is a next page, "that is everything" after the last. */
export function ListFooter({ id, hasMore, loading, onMore, endId }: { id: string; hasMore: boolean; loading: boolean; onMore: () => void; endId?: string }) {
  const { t } = useI18n();
  return (
    <View className="list-footer">
      {hasMore ? (
        <Button id={id} className="btn btn--ghost" loading={loading || undefined} disabled={loading || undefined} onClick={onMore}>
          {t('common.load_more')}
        </Button>
      ) : (
        <Text id={endId} className="list-footer__end">
          {t('common.no_more')}
        </Text>
      )}
    </View>
  );
}
