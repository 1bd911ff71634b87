import '../../messages';
import { useDidShow } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { formatMoney } from '@wxshop/shared';
import { EmptyState, ErrorState, ListFooter, Loading, SignInRequired } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { fetchBalance, fetchPostings, fetchWithdrawals, withdraw, type MerchantPosting } from '../../../services/settlement';
import { errorCode, errorText, toast } from '../../../services/request';
import { getSession, useSession } from '../../../services/session';
import { newIdempotencyKey } from '../../lib/keys';
import { parseMinorUnits } from '../../lib/money-input';
import { shortDateTime } from '../../lib/schedule';
import { useMerchant } from '../../lib/use-merchant';
import { usePaged, type Paged } from '../../lib/use-paged';
import '../merchant.scss';
import './money.scss';

const cny = (amount: number) => ({ amount, currency: 'CNY' as const });

/**
 * The store's money (ADR 0061-0063): pending (paid, not yet settled), available and withdrawn; a
 * withdrawal of available money to the store's bank account; its latest withdrawals and the ledger,
 * newest first. Owner only (merchant:finance:read / write).
 */
export default function MerchantMoneyPage() {
  const { t } = useI18n();
  usePageTitle('merchant.money.title');
  const { merchantId } = useMerchant();
  const session = useSession();
  const [balance, loadBalance] = useRemote(() => fetchBalance(merchantId));
  const [withdrawals, loadWithdrawals] = useRemote(() => fetchWithdrawals(merchantId));
  const postings = usePaged<MerchantPosting>((cursor) => fetchPostings(merchantId, cursor));
  const reload = () => Promise.all([loadBalance(), loadWithdrawals(), postings.reload()]);

  useDidShow(() => {
    if (getSession()) void reload();
  });

  let body;
  if (!session) body = <SignInRequired id="merchant-signin" />;
  else if (balance.status === 'error')
    body =
      errorCode(balance.error) === 'forbidden' ? (
        <EmptyState id="money-no-access" icon="lock" title={t('merchant.no_access_title')} body={t('merchant.money.owner_only')} />
      ) : (
        <ErrorState id="money-error" error={balance.error} onRetry={() => void reload()} />
      );
  else if (balance.status !== 'ok') body = <Loading />;
  else
    body = (
      <View>
        <BalanceCard pending={balance.data.pending.amount} available={balance.data.available.amount} withdrawn={balance.data.withdrawn.amount} />
        <WithdrawForm merchantId={merchantId} available={balance.data.available.amount} onDone={() => void reload()} />
        <View id="money-withdrawals" className="card m-section">
          <Text className="m-section__title">{t('merchant.money.withdrawals')}</Text>
          {withdrawals.status === 'error' ? (
            <ErrorState id="money-withdrawals-error" error={withdrawals.error} onRetry={() => void loadWithdrawals()} />
          ) : withdrawals.status !== 'ok' ? (
            <Loading />
          ) : withdrawals.data.items.length === 0 ? (
            <Text id="money-withdrawals-empty" className="m-empty-line">
              {t('merchant.money.no_withdrawals')}
            </Text>
          ) : (
            withdrawals.data.items.map((w) => (
              <View key={w.id} id={`withdrawal-${w.id}`} className="m-kv__row">
                <Text className="m-kv__k">{shortDateTime(w.createdAt)}</Text>
                <Text className={`m-kv__v m-withdrawal--${w.status}`}>
                  {formatMoney(w.amount)} · {t(`merchant.money.withdrawal.${w.status}`)}
                  {w.failReason ? ` (${w.failReason})` : ''}
                </Text>
              </View>
            ))
          )}
        </View>
        <PostingsList state={postings.state} onMore={() => void postings.more()} onRetry={() => void postings.reload()} />
      </View>
    );

  return (
    <View id="page-merchant-money" className="page merchant">
      {body}
    </View>
  );
}

function BalanceCard({ pending, available, withdrawn }: { pending: number; available: number; withdrawn: number }) {
  const { lang, t } = useI18n();
  return (
    <View id="money-balance" className="card m-section m-kv">
      <View className="m-kv__row">
        <Text className="m-kv__k">{t('merchant.money.available')}</Text>
        <Text id="money-available" className="m-kv__v m-money--big">
          {formatMoney(cny(available), lang)}
        </Text>
      </View>
      <View className="m-kv__row">
        <Text className="m-kv__k">{t('merchant.money.pending')}</Text>
        <Text id="money-pending" className="m-kv__v">
          {formatMoney(cny(pending), lang)}
        </Text>
      </View>
      <View className="m-kv__row">
        <Text className="m-kv__k">{t('merchant.money.withdrawn')}</Text>
        <Text id="money-withdrawn" className="m-kv__v">
          {formatMoney(cny(withdrawn), lang)}
        </Text>
      </View>
      <Text className="m-muted">{t('merchant.money.pending_help')}</Text>
    </View>
  );
}

function WithdrawForm({ merchantId, available, onDone }: { merchantId: string; available: number; onDone: () => void }) {
  const { lang, t } = useI18n();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(newIdempotencyKey('withdraw'));

  const submit = async () => {
    const amount = parseMinorUnits(text, 2);
    if (amount === null || amount <= 0) return setError(t('merchant.money.amount_invalid'));
    if (amount > available) return setError(t('merchant.money.amount_too_much', { available: formatMoney(cny(available), lang) }));
    setError(null);
    setBusy(true);
    try {
      await withdraw(merchantId, amount, key.current);
      key.current = newIdempotencyKey('withdraw');
      setText('');
      toast(t('merchant.money.requested'));
      onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View id="money-withdraw" className="card m-section">
      <Text className="m-section__title">{t('merchant.money.withdraw')}</Text>
      <Input
        id="money-amount"
        className="field__input m-gap-b"
        type="digit"
        value={text}
        placeholder={t('merchant.money.amount_placeholder')}
        onInput={(e) => setText(e.detail.value)}
        disabled={available <= 0}
      />
      {error ? (
        <Text id="money-withdraw-error" className="form-error">
          {error}
        </Text>
      ) : null}
      <Button id="money-withdraw-submit" className="btn btn--primary m-gap" disabled={busy || available <= 0} loading={busy} onClick={() => void submit()}>
        {available <= 0 ? t('merchant.money.nothing_available') : t('merchant.money.withdraw_submit')}
      </Button>
    </View>
  );
}

function PostingsList({ state, onMore, onRetry }: { state: Paged<MerchantPosting>; onMore: () => void; onRetry: () => void }) {
  const { lang, t } = useI18n();
  if (state.status === 'error') return <ErrorState id="money-postings-error" error={state.error} onRetry={onRetry} />;
  if (state.status !== 'ok') return <Loading />;
  return (
    <View id="money-postings" className="card m-section">
      <Text className="m-section__title">{t('merchant.money.postings')}</Text>
      {state.items.length === 0 ? (
        <Text id="money-postings-empty" className="m-empty-line">
          {t('merchant.money.no_postings')}
        </Text>
      ) : (
        state.items.map((p) => {
          const moved = p.available !== 0 ? p.available : p.pending;
          return (
            <View key={p.id} id={`posting-${p.id}`} className="m-kv__row">
              <View className="m-col">
                <Text className="m-kv__k">{t(`merchant.money.kind.${p.kind}`)}</Text>
                <Text className="m-muted">{shortDateTime(p.at)}</Text>
              </View>
              <View className="m-col m-col--end">
                <Text className={`m-kv__v ${moved < 0 ? 'm-money--out' : 'm-money--in'}`}>
                  {moved > 0 ? '+' : ''}
                  {formatMoney(cny(moved), lang)}
                </Text>
                <Text className="m-muted">{p.available !== 0 ? t('merchant.money.to_available') : t('merchant.money.to_pending')}</Text>
              </View>
            </View>
          );
        })
      )}
      <ListFooter id="money-postings-more" hasMore={Boolean(state.nextCursor)} loading={state.loadingMore} onMore={onMore} />
    </View>
  );
}
