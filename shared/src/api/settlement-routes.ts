import { defineRoute } from './route';
import { MerchantParams } from './params';
import { CreateWithdrawalInput, FeeRates, MerchantBalance, MerchantPostingPage, PageQuery, SetFeeRateInput, Withdrawal, WithdrawalPage } from '../settlement';

/**
 * The merchants' money (ADR 0061-0063): the platform's fee rates (finance staff), a store's balance,
 * its postings and its withdrawals (the owner: where the money goes).
 */

export const getFeeRates = defineRoute({
  id: 'get-fee-rates',
  method: 'GET',
  path: '/admin/fee-rates',
  summary: "The platform's fee rates (basis points): the default, per leaf category and per store, with the profit-sharing cap they must fit",
  tag: 'settlement',
  auth: { platform: 'platform:finance:read' },
  response: FeeRates,
});

export const setFeeRate = defineRoute({
  id: 'set-fee-rate',
  method: 'POST',
  path: '/admin/fee-rates',
  summary:
    'Sets one fee rate (default, a category, or a store; null removes one). 422 for a rate that with the largest distributor commission could pass the 30% profit-sharing cap. Orders placed before keep the rate they were placed with',
  tag: 'settlement',
  auth: { platform: 'platform:finance:write' },
  body: SetFeeRateInput,
  response: FeeRates,
  rateLimit: [{ key: 'user', limit: 60, per: 60 }],
});

export const getMerchantBalance = defineRoute({
  id: 'get-merchant-balance',
  method: 'GET',
  path: '/merchants/{merchantId}/balance',
  summary: "The store's money: pending (paid, not yet settled), available (withdrawable) and withdrawn",
  tag: 'settlement',
  auth: { merchant: 'merchant:finance:read' },
  params: MerchantParams,
  response: MerchantBalance,
});

export const listMerchantPostings = defineRoute({
  id: 'list-merchant-postings',
  method: 'GET',
  path: '/merchants/{merchantId}/postings',
  summary: "The store's ledger, newest first: payments, refunds, fees, releases and withdrawals, each with how it moved the balances",
  tag: 'settlement',
  auth: { merchant: 'merchant:finance:read' },
  params: MerchantParams,
  query: PageQuery,
  response: MerchantPostingPage,
});

export const listMerchantWithdrawals = defineRoute({
  id: 'list-merchant-withdrawals',
  method: 'GET',
  path: '/merchants/{merchantId}/withdrawals',
  summary: "The store's withdrawals to its bank account, newest first",
  tag: 'settlement',
  auth: { merchant: 'merchant:finance:read' },
  params: MerchantParams,
  query: PageQuery,
  response: WithdrawalPage,
});

export const createWithdrawal = defineRoute({
  id: 'create-withdrawal',
  method: 'POST',
  path: '/merchants/{merchantId}/withdrawals',
  summary:
    "Withdraws available money to the store's bank account through WeChat Pay; 422 when more than the available balance. The money leaves available at once and comes back if WeChat Pay fails the withdrawal",
  tag: 'settlement',
  auth: { merchant: 'merchant:finance:write' },
  params: MerchantParams,
  body: CreateWithdrawalInput,
  response: Withdrawal,
  status: 201,
  idempotent: true,
  rateLimit: [{ key: 'user', limit: 10, per: 60 }],
});
