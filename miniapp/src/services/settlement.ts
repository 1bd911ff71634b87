/** The store's money (ADR 0061-0063): balance, postings, withdrawals. Owner only (merchant:finance). */
import { createWithdrawal, getMerchantBalance, listMerchantPostings, listMerchantWithdrawals } from '@wxshop/shared/api/settlement-routes';
import type { MerchantBalance, MerchantPosting, MerchantPostingPage, Withdrawal, WithdrawalPage } from '@wxshop/shared/settlement';
import { api } from './request';

export type { MerchantBalance, MerchantPosting, Withdrawal };

export const fetchBalance = (merchantId: string): Promise<MerchantBalance> => api.call(getMerchantBalance, { params: { merchantId } });

export const fetchPostings = (merchantId: string, cursor?: string): Promise<MerchantPostingPage> =>
  api.call(listMerchantPostings, { params: { merchantId }, query: { limit: 20, ...(cursor ? { cursor } : {}) } });

export const fetchWithdrawals = (merchantId: string): Promise<WithdrawalPage> =>
  api.call(listMerchantWithdrawals, { params: { merchantId }, query: { limit: 5 } });

/** Withdraws `amount` fen; one `idempotencyKey` per form submission, reused when the person retries it. */
export const withdraw = (merchantId: string, amount: number, idempotencyKey: string): Promise<Withdrawal> =>
  api.call(createWithdrawal, { params: { merchantId }, body: { amount: { amount, currency: 'CNY' } }, idempotencyKey });
