/**
 * The access patterns of the single table, and the ONLY place a key is built.
 * Table: PK, SK; GSI1 (GSI1PK, GSI1SK); GSI2 (GSI2PK, GSI2SK); TTL attribute `expiresAt` (epoch s).
 * Every item has `entity` (its type) so stream consumers can route changes as domain events.
 *
 *  AP1  getUserAccount         PK=USER#<uid>                     SK=PROFILE          (BatchGet with AP4 on every signed-in call)
 *  AP2  listUserIdentities     PK=USER#<uid>                     SK begins_with IDENTITY#
 *  AP3  findIdentity           PK=IDENTITY#<provider>#<subject>  SK=IDENTITY         (uniqueness: one login method, one account)
 *  AP4  getSession             PK=SESSION#<sid>                  SK=SESSION
 *       findUsedRefreshToken   PK=SESSION#<sid>                  SK=USED#<tokenHash>  (every replaced refresh token: reuse revokes the session)
 *  AP5  listUserSessions       GSI1PK=USER#<uid>                 GSI1SK begins_with SESSION#
 *  AP6  getSmsChallenge        PK=SMS#<phone>                    SK=PURPOSE#<purpose>
 *  AP7  countRateWindow        PK=RATE#<bucket>#<subject>        SK=WINDOW#<windowStart>
 *  AP8  getIdempotencyRecord   PK=IDEMPOTENCY#<route>#<caller>#<key>  SK=IDEMPOTENCY
 *  AP8b getIdempotentEffect    PK=EFFECT#<reference>             SK=EFFECT           (what a request with an Idempotency-Key created, written with it: a re-run after a crash answers it)
 *  AP9  listPlatformStaff      GSI1PK=PLATFORM_STAFF             GSI1SK=<createdAt>#<uid>   (on the PLATFORM_ROLE item)
 *  AP10 getMerchant            PK=MERCHANT#<mid>                 SK=PROFILE
 *  AP11 listMerchantStaff      PK=MERCHANT#<mid>                 SK begins_with STAFF#
 *  AP12 listUserMerchants      GSI1PK=USER#<uid>                 GSI1SK begins_with MERCHANT#   (on the STAFF item)
 *  AP13 markEventProcessed     PK=EVENT#<consumer>#<eventId>     SK=PROCESSED        (stream consumers are idempotent)
 *  AP14 getDailyStats          PK=STATS#<yyyy-mm-dd>             SK=<metric>
 *  AP15 getMerchantByName      PK=MERCHANT_NAME#<normalized>     SK=MERCHANT_NAME    (unique store names)
 *  AP16 healthProbe            PK=HEALTH                         SK=HEALTH           (never written: GET /health reads it as a data-plane round trip)
 *
 *  Merchants and onboarding (AP20-AP29)
 *  AP20 getApplication         PK=APPLICATION#<aid>              SK=APPLICATION | VERSION#<nnnn>  (one Query: the application and every submitted version)
 *  AP21 listApplicationsByStatus GSI2PK=APPLICATION_STATUS#<status> GSI2SK=<submittedAt>#<aid>  (review queue)
 *  AP22 listUserApplications   GSI1PK=USER#<uid>                 GSI1SK begins_with APPLICATION#
 *                              PK=USER#<uid> SK=OPEN_APPLICATION  (uniqueness: one open application per user)
 *  AP23 listMerchantsByStatus  GSI2PK=MERCHANT_STATUS#<status>   GSI2SK=<createdAt>#<mid>   (on the merchant PROFILE item)
 *  AP24 getMerchantInvite      PK=MERCHANT#<mid>                 SK=INVITE#<phone>
 *                              GSI1PK=PHONE_INVITE#<phone>       GSI1SK=MERCHANT#<mid>  (invites of a phone, accepted at its SMS sign-in)
 *  AP25 getStoreLayout         PK=MERCHANT#<mid>                 SK=LAYOUT
 *  AP26 listMerchantInbox      PK=MERCHANT#<mid>                 SK begins_with INBOX#<ulid>
 *  AP27 listAllCategories      PK=CATEGORIES                     SK=CATEGORY#<cid>   (the whole tree in one query; small and cacheable)
 *
 *  Products, SKUs and stock (AP30-AP49)
 *  AP30 getProductWithSkus     PK=PRODUCT#<pid>                  SK=PRODUCT | SKU#<skuId>   (one Query: detail round trip 1)
 *  AP31 listMerchantProducts   GSI1PK=MERCHANT#<mid>#PRODUCTS    GSI1SK=<status>#<updatedAt>#<pid>  (on the PRODUCT item; status tabs)
 *  AP32 listProductsByStatus   GSI2PK=PRODUCT_STATUS#<status>    GSI2SK=<statusChangedAt>#<pid>  (on the PRODUCT item; review queue = submitted, oldest first)
 *       findSku                GSI1PK=SKU#<skuId>                GSI1SK=SKU          (on the SKU item: locates its product for adjustStock)
 *  AP33 listStockPostings      PK=STOCK#<skuId>                  SK=POSTING#<ulid>   (append-only, written in the same transaction as the SKU's stock)
 *       stockReference         PK=STOCK#<skuId>                  SK=REF#<reason>#<reference>  (an order/cancel/return reference is applied once)
 *  AP34 getSkuByCode           PK=SKU_CODE#<mid>#<code>          SK=SKU_CODE         (SKU codes unique per merchant)
 *  AP35 listScheduledChanges   GSI2PK=PRODUCT_SCHEDULE           GSI2SK=<at>#<pid>#<on|off>  (scheduled on/off sale; on PK=PRODUCT_SCHEDULE#<pid> SK=ON|OFF items)
 *  AP36 getImportReport        PK=MERCHANT#<mid>                 SK=IMPORT#<ulid>   (listImportReports: begins_with IMPORT#, newest first)
 *
 *  Search and browsing (AP50-AP69)
 *  AP50 searchByToken          PK=TOKEN#<lang>#<token>           SK=PRODUCT#<pid>    (postings carry the card; index kept by the index-products stream consumer)
 *       getProductIndexState   PK=PRODUCT_INDEX#<pid>            SK=STATE            (the product's derived keys and card: old postings removed; cards for favourites/history)
 *  AP51 listOnSaleByCategory   PK=CATEGORY_PRODUCTS#<cid>        SK=<SALES|NEW|PRICE>#<rank>#<pid>  (under the category and each ancestor)
 *       listOnSaleByStore      PK=STORE_PRODUCTS#<mid>           SK=<SALES|NEW|PRICE>#<rank>#<pid>
 *  AP52 listFavourites         PK=USER#<uid>                     SK=FAV#<pid>        (count on SK=FAV_COUNT: capped)
 *  AP53 listBrowsingHistory    PK=USER#<uid>                     SK=HISTORY#<pid>    (viewedAt attribute; newest first in memory, capped; count on SK=HISTORY_COUNT)
 *  AP54 getHomeFeed            PK=FEED#<SALES|NEW|PRICE>         SK=<rank>#<pid>     (everything on sale; home reads NEW and SALES; kept by the stream consumer)
 *
 *  Cart, addresses, checkout and orders (AP70-AP89)
 *  AP70 listCartLines          PK=USER#<uid>                     SK begins_with CART#<skuId>   (one line per SKU; capped)
 *       getCartMeta            PK=USER#<uid>                     SK=CART_META        (line count: the 120-line cap and the tab badge in one read)
 *  AP71 listAddresses          PK=USER#<uid>                     SK begins_with ADDRESS   (ADDRESS#<aid> items and the ADDRESS_BOOK item: count, default)
 *  AP72 getShippingTemplates   PK=MERCHANT#<mid>                 SK=SHIPPING_TEMPLATES   (all of a store's templates in one item: one BatchGet prices every store)
 *  AP73 getCheckout            PK=CHECKOUT#<cid>                 SK=CHECKOUT         (its sub-orders' numbers, amounts and store names: a payment is checked, and the combine order built, with one read)
 *       checkoutByKey          PK=CHECKOUT_KEY#<uid>#<idempotencyKey>  SK=CHECKOUT_KEY  (written in the placing transaction: a retried submit finds its checkout)
 *       latePayment            PK=CHECKOUT#<cid>                 SK=LATE_PAYMENT#<transactionId>  (a payment after the cancel, or a second one: to refund)
 *  AP74 getOrder               PK=ORDER#<oid>                    SK=ORDER            (lines, address, parcels and history embedded)
 *       orderEvents            PK=ORDER#<oid>                    SK=EVENT#<ulid>     (domain events, written with the change; consumers read them from the stream)
 *  AP75 listShopperOrders      GSI1PK=USER#<uid>#ORDERS#<tab>    GSI1SK=<createdAt>#<oid>   (on the ORDER item; the tab follows the status)
 *  AP76 listMerchantOrders     GSI2PK=MERCHANT#<mid>#ORDERS#<status>  GSI2SK=<createdAt>#<oid>  (on the ORDER item)
 *  AP77 listDueCheckouts       PK=DUE#CHECKOUT#<yyyy-mm-ddThh:mm>#<shard>  SK=<payBy>#<cid>  (swept every minute: unpaid checkouts cancel)
 *  AP78 listDueReceipts        PK=DUE#RECEIPT#<yyyy-mm-ddThh>#<shard>      SK=<autoConfirmAt>#<oid>  (swept: shipped orders confirm receipt)
 *       sweepCursor            PK=SWEEP#<name>                   SK=CURSOR           (the first bucket not yet swept)
 *  AP79 getCheckoutPayment     PK=CHECKOUT#<cid>                 SK=PAYMENT          (the started payment: channel, prepay; read with the checkout in one BatchGet)
 *       getWechatPayer         PK=USER#<uid>                     SK=WECHAT_OPENID#<appid>  (the mini-program openid WeChat Pay JSAPI needs; written at WeChat sign-in)
 *  AP80 listDuePaymentQueries  PK=DUE#PAYQUERY#<yyyy-mm-ddThh:mm>#<shard>  SK=<at>#<cid>  (swept: ask WeChat Pay when no notification came)
 *  AP81 listPaymentAnomalies   PK=PAYMENT_ANOMALY                SK=<source>#<ref>   (verified payments that match no checkout or not its amounts: for the ops team)
 *  AP82 listPendingRefunds     PK=REFUND_PENDING                 SK=<cid>#<transactionId>  (a late payment to refund; written with it, removed when refunded)
 *  AP87 getAlipayPaidTrades    PK=CHECKOUT#<cid>                 SK=ALIPAY_TRADE#<outTradeNo>  (each store's Alipay trade once paid, written once; the checkout is paid when every trade has one)
 *  AP88 getAlipayPayer         PK=USER#<uid>                     SK begins_with IDENTITY#alipay#  (AP2 narrowed to the Alipay sign-in: its subject is the user_id Alipay pays as)
 *
 *  Delivery, notifications and payment accounts (AP83-AP86)
 *  AP83 findParcelsByWaybill   PK=WAYBILL#<carrier>#<trackingNo>  SK=PARCEL#<oid>#<parcelId>  (a tracking push finds its order(s); written when the parcel is subscribed)
 *       wechatShipping         PK=ORDER#<oid>                    SK=WECHAT_SHIPPING  (what WeChat shipping management has accepted: parcels, shippingUploadedAt, receipt)
 *       parcelTracked          PK=ORDER#<oid>                    SK=TRACKED#<parcelId>#<eventCount>#<newestAt>  (a newer push of a parcel: the stream tells the shopper)
 *  AP84 listShopperInbox       PK=USER#<uid>                     SK begins_with INBOX#<ulid>  (newest first; the unread count on SK=INBOX_META)
 *  AP85 getPaymentAccount      PK=MERCHANT#<mid>                 SK=PAYMENT_ACCOUNT  (the store's latest WeChat Pay sub-merchant application)
 *  AP86 getMessageConsents     PK=USER#<uid>                     SK=SUBSCRIBE#<topic>  (subscribe messages the shopper still allows, per topic)
 *
 *  After-sale and refunds (AP97-AP104)
 *  AP97  getAfterSale          PK=AFTERSALE#<asid>               SK=AFTERSALE        (lines, amounts, return, refund and history embedded)
 *        afterSaleEvents       PK=AFTERSALE#<asid>               SK=EVENT#<ulid>     (domain events, written with the change; the stream carries them)
 *  AP98  listShopperAfterSales GSI1PK=USER#<uid>#AFTERSALES      GSI1SK=<createdAt>#<asid>  (on the AFTERSALE item; newest first)
 *  AP99  listMerchantAfterSales GSI2PK=MERCHANT#<mid>#AFTERSALES#<status>  GSI2SK=<decideBy|updatedAt>#<asid>  (requested: nearest deadline first)
 *  AP100 getRefundLedger       PK=ORDER#<oid>                    SK=REFUND_LEDGER    (units and fen held per line, shipping, refunded: conditional on its version)
 *  AP101 listOrderAfterSales   PK=ORDER#<oid>                    SK=AFTERSALE#<asid>  (an order's cases, for its page)
 *  AP102 listDueAfterSaleDecisions PK=DUE#AFTERSALE#<yyyy-mm-ddThh:mm>#<shard>  SK=<decideBy>#<asid>  (swept: no answer by then approves)
 *  AP103 listRefundsToDo       PK=AFTERSALE_REFUNDS              SK=<asid>           (refunds to apply or to ask about; written with `refunding`, removed when settled)
 *  AP104 findRefundNotification PK=REFUND_NOTIFY#<notificationId> SK=REFUND_NOTIFY   (a refund notification id seen: a replay is answered without a read of the case)
 *  Arbitration and exchange (AP111-AP112, ADR 0059, 0060)
 *  AP111 listArbitrationQueue  PK=ARBITRATION_QUEUE              SK=<escalatedAt>#<asid>  (escalated cases waiting for the platform, longest waiting first; written with the escalation, removed with the decision)
 *  AP112 listAfterSaleEvidence PK=AFTERSALE#<asid>               SK=EVIDENCE#<ulid>  (both sides' evidence of an escalated case, oldest first)
 *  Reviews (AP105-AP110, ADR 0057)
 *  AP105 getReview             PK=REVIEW#<rid>                   SK=REVIEW           (stars, text, media, checks, follow-up and reply embedded)
 *  AP106 listProductReviews    PK=PRODUCT_REVIEWS#<pid>          SK=ALL#<1|0>#<createdAt>#<rid> | PHOTO#<createdAt>#<rid> | STAR#<n>#<1|0>#<createdAt>#<rid>
 *                              (entries of shown reviews, written and removed with the summary; 1 = with photos: first when read newest first)
 *        getRatingSummary      PK=PRODUCT_REVIEWS#<pid>          SK=SUMMARY          (counts changed in the same transaction as the entries)
 *  AP107 listAuthorReviews     GSI2PK=USER#<uid>#REVIEWS         GSI2SK=<createdAt>#<rid>   (on the REVIEW item, every state)
 *  AP108 listStoreReviews      GSI1PK=MERCHANT#<mid>#REVIEWS     GSI1SK=<createdAt>#<rid>   (on the REVIEW item while shown: sparse)
 *  AP109 orderLineReview       PK=ORDER#<oid>                    SK=REVIEW#<skuId>   (one review per order line, claimed in the review's transaction; listOrderReviews: begins_with REVIEW#)
 *  AP110 getMediaCheck         PK=MEDIA_CHECK#<traceId>          SK=MEDIA_CHECK      (an asynchronous media check: its callback finds the review; the verdict is applied once)
 *  Bill reconciliation (AP157, ADR 0071)
 *  AP157 listBillReconciliations PK=BILL_RECON                   SK=<yyyy-mm-dd>#<provider>  (one report per day and provider, replaced by a re-run; newest first)
 *        getBillReconciliation PK=BILL_RECON                     SK=<yyyy-mm-dd>#<provider>
 *  The merchants' money (AP117-AP124, ADR 0061-0063)
 *  AP117 getFeeSchedule        PK=FEE_SCHEDULE                   SK=FEE_SCHEDULE     (default, per-category and per-store rates in one item: read with the checkout's first BatchGet)
 *  AP118 listDueSettlements    PK=DUE#SETTLE#<yyyy-mm-ddThh>#<shard>  SK=<at>#<oid>  (swept: the after-sale window closed, or a settlement step to look at again)
 *  AP119 getSettlement         PK=ORDER#<oid>                    SK=SETTLEMENT       (the order's fee, profit sharing and finish: each step conditional on its version)
 *  AP120 getMerchantBalance    PK=MERCHANT#<mid>                 SK=BALANCE          (pending, available, withdrawn: changed in the transaction of each posting)
 *  AP121 listMerchantPostings  PK=MERCHANT_LEDGER#<mid>          SK=POSTING#<ulid>   (append-only, newest first)
 *  AP122 postingReference      PK=MERCHANT_LEDGER#<mid>          SK=REF#<kind>#<reference>  (a payment, refund, fee, release or withdrawal is posted once)
 *  AP123 listMerchantWithdrawals PK=MERCHANT_LEDGER#<mid>        SK=WITHDRAWAL#<ulid>  (newest first)
 *  AP124 listWithdrawalsToDo   PK=WITHDRAWALS_PENDING            SK=<mid>#<wid>      (withdrawals to ask WeChat Pay about; removed when final)
 *  Share to earn (AP129-AP140, ADR 0064-0066)
 *  AP129 getDistributionRules  PK=DISTRIBUTION                   SK=RULES            (one item, versioned: writes condition on the version read)
 *  AP130 getDistributor        PK=USER#<uid>                     SK=DISTRIBUTOR      (the application and its decision)
 *  AP131 listDistributorsByStatus GSI2PK=DISTRIBUTOR_STATUS#<status> GSI2SK=<appliedAt>#<uid>  (on the DISTRIBUTOR item: the review queue, oldest first)
 *  AP132 getShare              PK=SHARE#<scene>                  SK=SHARE            (what a scene opens and whose it is; the stored QR code's object key)
 *  AP133 findOwnShare          PK=USER#<uid>                     SK=SHARE#<kind>#<targetId|self>  (one share per distributor and target: written with AP132)
 *  AP134 listShareVisits       PK=SHARE#<scene>                  SK=VISIT#<ulid>     (each opening and its channel, anonymous; TTL)
 *  AP135 getReferralBinding    PK=USER#<uid>                     SK=REFERRAL         (who referred the user, by which share, until when)
 *  AP136 listTeam              GSI1PK=USER#<referrer>#TEAM       GSI1SK=<boundAt>#<uid>  (on the REFERRAL item: direct referrals, newest first)
 *  AP137 getCommissionSnapshot PK=ORDER#<oid>                    SK=COMMISSION       (the chain, rates and amounts taken when placed; what was accrued and reversed)
 *  AP138 listCommissionPostings PK=DISTRIBUTOR#<uid>             SK=POSTING#<ulid>   (append-only, written with the balance)
 *        commissionReference   PK=DISTRIBUTOR#<uid>              SK=REF#<reference>  (an accrual or reversal is posted once)
 *  AP139 getCommissionBalance  PK=DISTRIBUTOR#<uid>              SK=BALANCE          (pending, available, withdrawn, owed: changed in each posting's transaction)
 *  AP140 getDistributionSpend  PK=USER#<uid>                     SK=DISTRIBUTION_SPEND  (what the user's paid orders came to: the spend-to-join rule)
 *  Points (AP143-AP152, ADR 0067, 0068)
 *  AP143 getPointsAccount      PK=USER#<uid>                     SK=POINTS           (balance: available, frozen, version, openFrom; every posting changes it in its transaction)
 *  AP144 listOpenPointsBatches PK=USER#<uid>                     SK=POINTS_BATCH#<expiresAt>#<bid>  (earning batches, soonest to expire first; read from the account's openFrom)
 *  AP145 listPointsPostings    PK=USER#<uid>                     SK=POINTS_POSTING#<ulid>  (append-only; newest first for the history)
 *  AP146 pointsReference       PK=USER#<uid>                     SK=POINTS_REF#<reference>  (a check-in day, a view, a freeze, an expiry is posted once)
 *  AP147 getPointsFreeze       PK=USER#<uid>                     SK=POINTS_FREEZE#<orderId>  (points held for an unpaid order: which batches, held|released|settled)
 *  AP148 listDuePointsExpiry   PK=POINTS_EXPIRY#<yyyy-mm-dd>     SK=<expiresAt>#<uid>#<bid>  (written with the batch; swept hourly, cursor on SWEEP#points-expiry)
 *  AP149 getPointsRules        PK=POINTS_RULES                   SK=POINTS_RULES     (the platform's rules; defaults until set)
 *  AP150 getCheckIn            PK=USER#<uid>                     SK=CHECK_IN         (last day and streak, written with the day's posting)
 *  AP151 getPointsDay          PK=USER#<uid> | DEVICE#<deviceId> SK=POINTS_DAY#<yyyy-mm-dd>  (the day's views and points per shopper and per device, with the device's accounts)
 *  AP152 getRewardedView       PK=REWARDED_VIEW#<tokenHash>      SK=REWARDED_VIEW    (a view token: shopper, creative, device, server start, duration, status)
 *        listPointsFlags       PK=POINTS_FLAGS                   SK=<at>#<tokenHash> (held views for a person to decide)
 *  Inbox and the application poll (AP95-AP96)
 *  AP95 listOpenApplyments     GSI2PK=APPLYMENT_OPEN             GSI2SK=<checkedAt>#<mid>  (sparse, on the PAYMENT_ACCOUNT item while its state is not final: the scheduled poll, least recently asked first)
 */

export const IDENTITY_PROVIDERS = ['wechat', 'alipay', 'phone', 'email'] as const;
export type IdentityProvider = (typeof IDENTITY_PROVIDERS)[number];

export interface Key {
  PK: string;
  SK: string;
}

/** Sort keys of the items that stand alone in their partition's kind, for scans and stream filters that match them. */
export const ITEM_SK = { product: 'PRODUCT', profile: 'PROFILE' } as const;

export const keys = {
  user: (uid: string): Key => ({ PK: `USER#${uid}`, SK: ITEM_SK.profile }),
  userIdentity: (uid: string, provider: IdentityProvider, subject: string): Key => ({ PK: `USER#${uid}`, SK: `IDENTITY#${provider}#${subject}` }),
  userIdentityPrefix: (uid: string) => ({ PK: `USER#${uid}`, SKPrefix: 'IDENTITY#' }),
  identity: (provider: IdentityProvider, subject: string): Key => ({ PK: `IDENTITY#${provider}#${subject}`, SK: 'IDENTITY' }),
  session: (sid: string): Key => ({ PK: `SESSION#${sid}`, SK: 'SESSION' }),
  sessionUsedToken: (sid: string, tokenHash: string): Key => ({ PK: `SESSION#${sid}`, SK: `USED#${tokenHash}` }),
  sessionGsi1: (uid: string, sid: string) => ({ GSI1PK: `USER#${uid}`, GSI1SK: `SESSION#${sid}` }),
  userSessionsPrefix: (uid: string) => ({ GSI1PK: `USER#${uid}`, GSI1SKPrefix: 'SESSION#' }),
  smsChallenge: (phone: string, purpose: string): Key => ({ PK: `SMS#${phone}`, SK: `PURPOSE#${purpose}` }),
  rateWindow: (bucket: string, subject: string, windowStart: number): Key => ({ PK: `RATE#${bucket}#${subject}`, SK: `WINDOW#${windowStart}` }),
  idempotency: (route: string, caller: string, key: string): Key => ({ PK: `IDEMPOTENCY#${route}#${caller}#${key}`, SK: 'IDEMPOTENCY' }),
  /** AP8b: the effect of an idempotent request, written in the same transaction as the effect (ADR 0034). */
  idempotentEffect: (reference: string): Key => ({ PK: `EFFECT#${reference}`, SK: 'EFFECT' }),
  platformRole: (uid: string): Key => ({ PK: `USER#${uid}`, SK: 'PLATFORM_ROLE' }),
  platformRoleGsi1: (uid: string, createdAt: string) => ({ GSI1PK: 'PLATFORM_STAFF', GSI1SK: `${createdAt}#${uid}` }),
  platformStaffIndex: () => ({ GSI1PK: 'PLATFORM_STAFF' }),
  merchant: (mid: string): Key => ({ PK: `MERCHANT#${mid}`, SK: ITEM_SK.profile }),
  merchantName: (normalized: string): Key => ({ PK: `MERCHANT_NAME#${normalized}`, SK: 'MERCHANT_NAME' }),
  merchantStaff: (mid: string, uid: string): Key => ({ PK: `MERCHANT#${mid}`, SK: `STAFF#${uid}` }),
  merchantStaffPrefix: (mid: string) => ({ PK: `MERCHANT#${mid}`, SKPrefix: 'STAFF#' }),
  merchantStaffGsi1: (uid: string, mid: string) => ({ GSI1PK: `USER#${uid}`, GSI1SK: `MERCHANT#${mid}` }),
  userMerchantsPrefix: (uid: string) => ({ GSI1PK: `USER#${uid}`, GSI1SKPrefix: 'MERCHANT#' }),
  eventProcessed: (consumer: string, eventId: string): Key => ({ PK: `EVENT#${consumer}#${eventId}`, SK: 'PROCESSED' }),
  dailyStat: (day: string, metric: string): Key => ({ PK: `STATS#${day}`, SK: metric }),
  health: (): Key => ({ PK: 'HEALTH', SK: 'HEALTH' }),
  // --- merchants and onboarding (AP20-AP27)
  application: (aid: string): Key => ({ PK: `APPLICATION#${aid}`, SK: 'APPLICATION' }),
  applicationVersion: (aid: string, version: number): Key => ({ PK: `APPLICATION#${aid}`, SK: `VERSION#${String(version).padStart(4, '0')}` }),
  applicationPartition: (aid: string) => ({ PK: `APPLICATION#${aid}` }),
  applicationVersionsPrefix: (aid: string) => ({ PK: `APPLICATION#${aid}`, SKPrefix: 'VERSION#' }),
  applicationStatusGsi2: (status: string, submittedAt: string, aid: string) => ({ GSI2PK: `APPLICATION_STATUS#${status}`, GSI2SK: `${submittedAt}#${aid}` }),
  applicationStatusIndex: (status: string) => ({ GSI2PK: `APPLICATION_STATUS#${status}` }),
  userApplicationGsi1: (uid: string, aid: string) => ({ GSI1PK: `USER#${uid}`, GSI1SK: `APPLICATION#${aid}` }),
  userApplicationsPrefix: (uid: string) => ({ GSI1PK: `USER#${uid}`, GSI1SKPrefix: 'APPLICATION#' }),
  userOpenApplication: (uid: string): Key => ({ PK: `USER#${uid}`, SK: 'OPEN_APPLICATION' }),
  merchantStatusGsi2: (status: string, createdAt: string, mid: string) => ({ GSI2PK: `MERCHANT_STATUS#${status}`, GSI2SK: `${createdAt}#${mid}` }),
  merchantStatusIndex: (status: string) => ({ GSI2PK: `MERCHANT_STATUS#${status}` }),
  merchantInvite: (mid: string, phone: string): Key => ({ PK: `MERCHANT#${mid}`, SK: `INVITE#${phone}` }),
  merchantInvitePrefix: (mid: string) => ({ PK: `MERCHANT#${mid}`, SKPrefix: 'INVITE#' }),
  phoneInviteGsi1: (phone: string, mid: string) => ({ GSI1PK: `PHONE_INVITE#${phone}`, GSI1SK: `MERCHANT#${mid}` }),
  phoneInvitesIndex: (phone: string) => ({ GSI1PK: `PHONE_INVITE#${phone}` }),
  storeLayout: (mid: string): Key => ({ PK: `MERCHANT#${mid}`, SK: 'LAYOUT' }),
  merchantInboxMessage: (mid: string, messageId: string): Key => ({ PK: `MERCHANT#${mid}`, SK: `INBOX#${messageId}` }),
  merchantInboxPrefix: (mid: string) => ({ PK: `MERCHANT#${mid}`, SKPrefix: 'INBOX#' }),
  category: (cid: string): Key => ({ PK: 'CATEGORIES', SK: `CATEGORY#${cid}` }),
  categoriesPrefix: () => ({ PK: 'CATEGORIES', SKPrefix: 'CATEGORY#' }),
  // --- end merchants and onboarding
  // --- catalog (AP30-AP36)
  product: (pid: string): Key => ({ PK: `PRODUCT#${pid}`, SK: ITEM_SK.product }),
  productSku: (pid: string, skuId: string): Key => ({ PK: `PRODUCT#${pid}`, SK: `SKU#${skuId}` }),
  productPartition: (pid: string) => ({ PK: `PRODUCT#${pid}` }),
  skuGsi1: (skuId: string) => ({ GSI1PK: `SKU#${skuId}`, GSI1SK: 'SKU' }),
  merchantProductsGsi1: (mid: string, status: string, updatedAt: string, pid: string) => ({
    GSI1PK: `MERCHANT#${mid}#PRODUCTS`,
    GSI1SK: `${status}#${updatedAt}#${pid}`,
  }),
  merchantProductsPrefix: (mid: string, status?: string) => ({ GSI1PK: `MERCHANT#${mid}#PRODUCTS`, GSI1SKPrefix: status ? `${status}#` : '' }),
  productStatusGsi2: (status: string, at: string, pid: string) => ({ GSI2PK: `PRODUCT_STATUS#${status}`, GSI2SK: `${at}#${pid}` }),
  productStatusIndex: (status: string) => ({ GSI2PK: `PRODUCT_STATUS#${status}` }),
  stockPosting: (skuId: string, postingId: string): Key => ({ PK: `STOCK#${skuId}`, SK: `POSTING#${postingId}` }),
  stockPostingsPrefix: (skuId: string) => ({ PK: `STOCK#${skuId}`, SKPrefix: 'POSTING#' }),
  stockReference: (skuId: string, reason: string, reference: string): Key => ({ PK: `STOCK#${skuId}`, SK: `REF#${reason}#${reference}` }),
  skuCode: (mid: string, code: string): Key => ({ PK: `SKU_CODE#${mid}#${code}`, SK: 'SKU_CODE' }),
  productSchedule: (pid: string, which: 'on' | 'off'): Key => ({ PK: `PRODUCT_SCHEDULE#${pid}`, SK: which.toUpperCase() }),
  productScheduleGsi2: (at: string, pid: string, which: 'on' | 'off') => ({ GSI2PK: 'PRODUCT_SCHEDULE', GSI2SK: `${at}#${pid}#${which}` }),
  productScheduleIndex: () => ({ GSI2PK: 'PRODUCT_SCHEDULE' }),
  importReport: (mid: string, importId: string): Key => ({ PK: `MERCHANT#${mid}`, SK: `IMPORT#${importId}` }),
  importReportsPrefix: (mid: string) => ({ PK: `MERCHANT#${mid}`, SKPrefix: 'IMPORT#' }),
  // --- end catalog
  // --- search and browsing (AP50-AP54)
  searchPosting: (lang: string, token: string, pid: string): Key => ({ PK: `TOKEN#${lang}#${token}`, SK: `PRODUCT#${pid}` }),
  searchPostings: (lang: string, token: string) => ({ PK: `TOKEN#${lang}#${token}` }),
  productIndexState: (pid: string): Key => ({ PK: `PRODUCT_INDEX#${pid}`, SK: 'STATE' }),
  categoryListing: (cid: string, sort: string, rank: string, pid: string): Key => ({ PK: `CATEGORY_PRODUCTS#${cid}`, SK: `${sort}#${rank}#${pid}` }),
  categoryListingPrefix: (cid: string, sort: string) => ({ PK: `CATEGORY_PRODUCTS#${cid}`, SKPrefix: `${sort}#` }),
  storeListing: (mid: string, sort: string, rank: string, pid: string): Key => ({ PK: `STORE_PRODUCTS#${mid}`, SK: `${sort}#${rank}#${pid}` }),
  storeListingPrefix: (mid: string, sort: string) => ({ PK: `STORE_PRODUCTS#${mid}`, SKPrefix: `${sort}#` }),
  homeFeed: (name: string, rank: string, pid: string): Key => ({ PK: `FEED#${name}`, SK: `${rank}#${pid}` }),
  homeFeedPrefix: (name: string) => ({ PK: `FEED#${name}`, SKPrefix: '' }),
  favourite: (uid: string, pid: string): Key => ({ PK: `USER#${uid}`, SK: `FAV#${pid}` }),
  favouritesPrefix: (uid: string) => ({ PK: `USER#${uid}`, SKPrefix: 'FAV#' }),
  favouriteCount: (uid: string): Key => ({ PK: `USER#${uid}`, SK: 'FAV_COUNT' }),
  productView: (uid: string, pid: string): Key => ({ PK: `USER#${uid}`, SK: `HISTORY#${pid}` }),
  productViewsPrefix: (uid: string) => ({ PK: `USER#${uid}`, SKPrefix: 'HISTORY#' }),
  productViewCount: (uid: string): Key => ({ PK: `USER#${uid}`, SK: 'HISTORY_COUNT' }),
  // --- end search and browsing
  // --- cart, addresses, checkout and orders (AP70-AP89)
  cartLine: (uid: string, skuId: string): Key => ({ PK: `USER#${uid}`, SK: `CART#${skuId}` }),
  cartLinesPrefix: (uid: string) => ({ PK: `USER#${uid}`, SKPrefix: 'CART#' }),
  cartMeta: (uid: string): Key => ({ PK: `USER#${uid}`, SK: 'CART_META' }),
  address: (uid: string, aid: string): Key => ({ PK: `USER#${uid}`, SK: `ADDRESS#${aid}` }),
  addressBook: (uid: string): Key => ({ PK: `USER#${uid}`, SK: 'ADDRESS_BOOK' }),
  /** Both the ADDRESS#<aid> items and the ADDRESS_BOOK item. */
  addressesPrefix: (uid: string) => ({ PK: `USER#${uid}`, SKPrefix: 'ADDRESS' }),
  shippingTemplates: (mid: string): Key => ({ PK: `MERCHANT#${mid}`, SK: 'SHIPPING_TEMPLATES' }),
  checkout: (cid: string): Key => ({ PK: `CHECKOUT#${cid}`, SK: 'CHECKOUT' }),
  checkoutKey: (uid: string, idempotencyKey: string): Key => ({ PK: `CHECKOUT_KEY#${uid}#${idempotencyKey}`, SK: 'CHECKOUT_KEY' }),
  latePayment: (cid: string, transactionId: string): Key => ({ PK: `CHECKOUT#${cid}`, SK: `LATE_PAYMENT#${transactionId}` }),
  order: (oid: string): Key => ({ PK: `ORDER#${oid}`, SK: 'ORDER' }),
  orderEvent: (oid: string, eventId: string): Key => ({ PK: `ORDER#${oid}`, SK: `EVENT#${eventId}` }),
  orderEventsPrefix: (oid: string) => ({ PK: `ORDER#${oid}`, SKPrefix: 'EVENT#' }),
  shopperOrdersGsi1: (uid: string, tab: string, createdAt: string, oid: string) => ({ GSI1PK: `USER#${uid}#ORDERS#${tab}`, GSI1SK: `${createdAt}#${oid}` }),
  shopperOrdersIndex: (uid: string, tab: string) => ({ GSI1PK: `USER#${uid}#ORDERS#${tab}` }),
  merchantOrdersGsi2: (mid: string, status: string, createdAt: string, oid: string) => ({
    GSI2PK: `MERCHANT#${mid}#ORDERS#${status}`,
    GSI2SK: `${createdAt}#${oid}`,
  }),
  merchantOrdersIndex: (mid: string, status: string) => ({ GSI2PK: `MERCHANT#${mid}#ORDERS#${status}` }),
  dueCheckout: (bucket: string, shard: number, payBy: string, cid: string): Key => ({ PK: `DUE#CHECKOUT#${bucket}#${shard}`, SK: `${payBy}#${cid}` }),
  dueCheckoutsPartition: (bucket: string, shard: number) => ({ PK: `DUE#CHECKOUT#${bucket}#${shard}` }),
  dueReceipt: (bucket: string, shard: number, at: string, oid: string): Key => ({ PK: `DUE#RECEIPT#${bucket}#${shard}`, SK: `${at}#${oid}` }),
  dueReceiptsPartition: (bucket: string, shard: number) => ({ PK: `DUE#RECEIPT#${bucket}#${shard}` }),
  sweepCursor: (name: string): Key => ({ PK: `SWEEP#${name}`, SK: 'CURSOR' }),
  checkoutPayment: (cid: string): Key => ({ PK: `CHECKOUT#${cid}`, SK: 'PAYMENT' }),
  wechatPayer: (uid: string, appid: string): Key => ({ PK: `USER#${uid}`, SK: `WECHAT_OPENID#${appid}` }),
  duePaymentQuery: (bucket: string, shard: number, at: string, cid: string): Key => ({ PK: `DUE#PAYQUERY#${bucket}#${shard}`, SK: `${at}#${cid}` }),
  duePaymentQueriesPartition: (bucket: string, shard: number) => ({ PK: `DUE#PAYQUERY#${bucket}#${shard}` }),
  paymentAnomaly: (source: string, ref: string): Key => ({ PK: 'PAYMENT_ANOMALY', SK: `${source}#${ref}` }),
  paymentAnomaliesPartition: () => ({ PK: 'PAYMENT_ANOMALY' }),
  pendingRefund: (cid: string, transactionId: string): Key => ({ PK: 'REFUND_PENDING', SK: `${cid}#${transactionId}` }),
  pendingRefundsPartition: () => ({ PK: 'REFUND_PENDING' }),
  /** AP87: one store's Alipay trade of a checkout, once paid (docs/adr/0047). */
  alipayPaidTrade: (cid: string, outTradeNo: string): Key => ({ PK: `CHECKOUT#${cid}`, SK: `ALIPAY_TRADE#${outTradeNo}` }),
  /** AP88: the shopper's Alipay sign-in identity (its subject is the Alipay user_id). */
  alipayIdentityPrefix: (uid: string) => ({ PK: `USER#${uid}`, SKPrefix: 'IDENTITY#alipay#' }),
  // --- end cart, addresses, checkout and orders
  // --- delivery, notifications and payment accounts (AP83-AP86)
  waybillParcel: (carrier: string, trackingNo: string, oid: string, parcelId: string): Key => ({
    PK: `WAYBILL#${carrier}#${trackingNo}`,
    SK: `PARCEL#${oid}#${parcelId}`,
  }),
  waybillParcels: (carrier: string, trackingNo: string) => ({ PK: `WAYBILL#${carrier}#${trackingNo}`, SKPrefix: 'PARCEL#' }),
  wechatShipping: (oid: string): Key => ({ PK: `ORDER#${oid}`, SK: 'WECHAT_SHIPPING' }),
  /** `stamp`: the push's event count and newest event time (a newer push is a new item, a repeat is not). */
  parcelTracked: (oid: string, parcelId: string, eventCount: number, newestAt: string): Key => ({
    PK: `ORDER#${oid}`,
    SK: `TRACKED#${parcelId}#${String(eventCount).padStart(4, '0')}#${newestAt}`,
  }),
  shopperMessage: (uid: string, messageId: string): Key => ({ PK: `USER#${uid}`, SK: `INBOX#${messageId}` }),
  shopperMessagesPrefix: (uid: string) => ({ PK: `USER#${uid}`, SKPrefix: 'INBOX#' }),
  shopperInboxMeta: (uid: string): Key => ({ PK: `USER#${uid}`, SK: 'INBOX_META' }),
  paymentAccount: (mid: string): Key => ({ PK: `MERCHANT#${mid}`, SK: 'PAYMENT_ACCOUNT' }),
  messageConsent: (uid: string, topic: string): Key => ({ PK: `USER#${uid}`, SK: `SUBSCRIBE#${topic}` }),
  /** AP95: set on the PAYMENT_ACCOUNT item only while the application is not final (a sparse index). */
  openApplymentGsi2: (checkedAt: string, mid: string) => ({ GSI2PK: 'APPLYMENT_OPEN', GSI2SK: `${checkedAt}#${mid}` }),
  openApplymentsIndex: () => ({ GSI2PK: 'APPLYMENT_OPEN' }),
  // --- end delivery, notifications and payment accounts
  // --- after-sale and refunds (AP97-AP104)
  afterSale: (asid: string): Key => ({ PK: `AFTERSALE#${asid}`, SK: 'AFTERSALE' }),
  afterSaleEvent: (asid: string, eventId: string): Key => ({ PK: `AFTERSALE#${asid}`, SK: `EVENT#${eventId}` }),
  afterSaleEventsPrefix: (asid: string) => ({ PK: `AFTERSALE#${asid}`, SKPrefix: 'EVENT#' }),
  shopperAfterSalesGsi1: (uid: string, createdAt: string, asid: string) => ({ GSI1PK: `USER#${uid}#AFTERSALES`, GSI1SK: `${createdAt}#${asid}` }),
  shopperAfterSalesIndex: (uid: string) => ({ GSI1PK: `USER#${uid}#AFTERSALES` }),
  merchantAfterSalesGsi2: (mid: string, status: string, sortAt: string, asid: string) => ({
    GSI2PK: `MERCHANT#${mid}#AFTERSALES#${status}`,
    GSI2SK: `${sortAt}#${asid}`,
  }),
  merchantAfterSalesIndex: (mid: string, status: string) => ({ GSI2PK: `MERCHANT#${mid}#AFTERSALES#${status}` }),
  refundLedger: (oid: string): Key => ({ PK: `ORDER#${oid}`, SK: 'REFUND_LEDGER' }),
  orderAfterSale: (oid: string, asid: string): Key => ({ PK: `ORDER#${oid}`, SK: `AFTERSALE#${asid}` }),
  orderAfterSalesPrefix: (oid: string) => ({ PK: `ORDER#${oid}`, SKPrefix: 'AFTERSALE#' }),
  dueAfterSaleDecision: (bucket: string, shard: number, at: string, asid: string): Key => ({ PK: `DUE#AFTERSALE#${bucket}#${shard}`, SK: `${at}#${asid}` }),
  dueAfterSaleDecisionsPartition: (bucket: string, shard: number) => ({ PK: `DUE#AFTERSALE#${bucket}#${shard}` }),
  refundToDo: (asid: string): Key => ({ PK: 'AFTERSALE_REFUNDS', SK: asid }),
  refundsToDoPartition: () => ({ PK: 'AFTERSALE_REFUNDS' }),
  billReconciliation: (date: string, provider: string): Key => ({ PK: 'BILL_RECON', SK: `${date}#${provider}` }),
  billReconciliationsPartition: () => ({ PK: 'BILL_RECON' }),
  refundNotification: (notificationId: string): Key => ({ PK: `REFUND_NOTIFY#${notificationId}`, SK: 'REFUND_NOTIFY' }),
  arbitrationQueueEntry: (escalatedAt: string, asid: string): Key => ({ PK: 'ARBITRATION_QUEUE', SK: `${escalatedAt}#${asid}` }),
  arbitrationQueuePartition: () => ({ PK: 'ARBITRATION_QUEUE' }),
  afterSaleEvidence: (asid: string, evidenceId: string): Key => ({ PK: `AFTERSALE#${asid}`, SK: `EVIDENCE#${evidenceId}` }),
  afterSaleEvidencePrefix: (asid: string) => ({ PK: `AFTERSALE#${asid}`, SKPrefix: 'EVIDENCE#' }),
  // --- end after-sale and refunds
  // --- the merchants' money (AP117-AP124)
  feeSchedule: (): Key => ({ PK: 'FEE_SCHEDULE', SK: 'FEE_SCHEDULE' }),
  dueSettlement: (bucket: string, shard: number, at: string, oid: string): Key => ({ PK: `DUE#SETTLE#${bucket}#${shard}`, SK: `${at}#${oid}` }),
  dueSettlementsPartition: (bucket: string, shard: number) => ({ PK: `DUE#SETTLE#${bucket}#${shard}` }),
  settlement: (oid: string): Key => ({ PK: `ORDER#${oid}`, SK: 'SETTLEMENT' }),
  merchantBalance: (mid: string): Key => ({ PK: `MERCHANT#${mid}`, SK: 'BALANCE' }),
  merchantPosting: (mid: string, postingId: string): Key => ({ PK: `MERCHANT_LEDGER#${mid}`, SK: `POSTING#${postingId}` }),
  merchantPostingsPrefix: (mid: string) => ({ PK: `MERCHANT_LEDGER#${mid}`, SKPrefix: 'POSTING#' }),
  merchantPostingReference: (mid: string, kind: string, reference: string): Key => ({ PK: `MERCHANT_LEDGER#${mid}`, SK: `REF#${kind}#${reference}` }),
  withdrawal: (mid: string, wid: string): Key => ({ PK: `MERCHANT_LEDGER#${mid}`, SK: `WITHDRAWAL#${wid}` }),
  withdrawalsPrefix: (mid: string) => ({ PK: `MERCHANT_LEDGER#${mid}`, SKPrefix: 'WITHDRAWAL#' }),
  withdrawalToDo: (mid: string, wid: string): Key => ({ PK: 'WITHDRAWALS_PENDING', SK: `${mid}#${wid}` }),
  withdrawalsToDoPartition: () => ({ PK: 'WITHDRAWALS_PENDING' }),
  // --- end the merchants' money
  // --- reviews (AP105-AP110)
  review: (rid: string): Key => ({ PK: `REVIEW#${rid}`, SK: 'REVIEW' }),
  productReviewEntry: (pid: string, sk: string): Key => ({ PK: `PRODUCT_REVIEWS#${pid}`, SK: sk }),
  /** The sort keys of a shown review's listing entries (AP106). */
  productReviewEntrySks: (stars: number, withPhotos: boolean, createdAt: string, rid: string): string[] => [
    `ALL#${withPhotos ? 1 : 0}#${createdAt}#${rid}`,
    `STAR#${stars}#${withPhotos ? 1 : 0}#${createdAt}#${rid}`,
    ...(withPhotos ? [`PHOTO#${createdAt}#${rid}`] : []),
  ],
  productReviewsPrefix: (pid: string, filter: 'all' | 'photos' | 'stars', stars?: number) => ({
    PK: `PRODUCT_REVIEWS#${pid}`,
    SKPrefix: filter === 'all' ? 'ALL#' : filter === 'photos' ? 'PHOTO#' : `STAR#${stars ?? 0}#`,
  }),
  ratingSummary: (pid: string): Key => ({ PK: `PRODUCT_REVIEWS#${pid}`, SK: 'SUMMARY' }),
  authorReviewsGsi2: (uid: string, createdAt: string, rid: string) => ({ GSI2PK: `USER#${uid}#REVIEWS`, GSI2SK: `${createdAt}#${rid}` }),
  authorReviewsIndex: (uid: string) => ({ GSI2PK: `USER#${uid}#REVIEWS` }),
  storeReviewsGsi1: (mid: string, createdAt: string, rid: string) => ({ GSI1PK: `MERCHANT#${mid}#REVIEWS`, GSI1SK: `${createdAt}#${rid}` }),
  storeReviewsIndex: (mid: string) => ({ GSI1PK: `MERCHANT#${mid}#REVIEWS` }),
  orderLineReview: (oid: string, skuId: string): Key => ({ PK: `ORDER#${oid}`, SK: `REVIEW#${skuId}` }),
  orderLineReviewsPrefix: (oid: string) => ({ PK: `ORDER#${oid}`, SKPrefix: 'REVIEW#' }),
  mediaCheck: (traceId: string): Key => ({ PK: `MEDIA_CHECK#${traceId}`, SK: 'MEDIA_CHECK' }),
  // --- end reviews
  // --- share to earn (AP129-AP140)
  distributionRules: (): Key => ({ PK: 'DISTRIBUTION', SK: 'RULES' }),
  distributor: (uid: string): Key => ({ PK: `USER#${uid}`, SK: 'DISTRIBUTOR' }),
  distributorStatusGsi2: (status: string, appliedAt: string, uid: string) => ({ GSI2PK: `DISTRIBUTOR_STATUS#${status}`, GSI2SK: `${appliedAt}#${uid}` }),
  distributorsByStatus: (status: string) => ({ GSI2PK: `DISTRIBUTOR_STATUS#${status}` }),
  share: (scene: string): Key => ({ PK: `SHARE#${scene}`, SK: 'SHARE' }),
  ownShare: (uid: string, kind: string, targetId: string | null): Key => ({ PK: `USER#${uid}`, SK: `SHARE#${kind}#${targetId ?? 'self'}` }),
  shareVisit: (scene: string, id: string): Key => ({ PK: `SHARE#${scene}`, SK: `VISIT#${id}` }),
  shareVisitsPrefix: (scene: string) => ({ PK: `SHARE#${scene}`, SKPrefix: 'VISIT#' }),
  referral: (uid: string): Key => ({ PK: `USER#${uid}`, SK: 'REFERRAL' }),
  teamGsi1: (referrerId: string, boundAt: string, uid: string) => ({ GSI1PK: `USER#${referrerId}#TEAM`, GSI1SK: `${boundAt}#${uid}` }),
  team: (referrerId: string) => ({ GSI1PK: `USER#${referrerId}#TEAM` }),
  commissionSnapshot: (oid: string): Key => ({ PK: `ORDER#${oid}`, SK: 'COMMISSION' }),
  commissionPosting: (uid: string, id: string): Key => ({ PK: `DISTRIBUTOR#${uid}`, SK: `POSTING#${id}` }),
  commissionPostingsPrefix: (uid: string) => ({ PK: `DISTRIBUTOR#${uid}`, SKPrefix: 'POSTING#' }),
  commissionReference: (uid: string, reference: string): Key => ({ PK: `DISTRIBUTOR#${uid}`, SK: `REF#${reference}` }),
  commissionBalance: (uid: string): Key => ({ PK: `DISTRIBUTOR#${uid}`, SK: 'BALANCE' }),
  distributionSpend: (uid: string): Key => ({ PK: `USER#${uid}`, SK: 'DISTRIBUTION_SPEND' }),
  // --- end share to earn
  // --- points (AP143-AP152, ADR 0067, 0068)
  pointsAccount: (uid: string): Key => ({ PK: `USER#${uid}`, SK: 'POINTS' }),
  pointsBatch: (uid: string, batchSk: string): Key => ({ PK: `USER#${uid}`, SK: batchSk }),
  /** A batch's sort key: soonest to expire first, then by its id (a ULID: earliest first). */
  pointsBatchSk: (expiresAt: string, bid: string): string => `POINTS_BATCH#${expiresAt}#${bid}`,
  pointsBatchRange: (uid: string) => ({ PK: `USER#${uid}`, SKFrom: 'POINTS_BATCH#', SKTo: 'POINTS_BATCH#~' }),
  pointsPosting: (uid: string, pid: string): Key => ({ PK: `USER#${uid}`, SK: `POINTS_POSTING#${pid}` }),
  pointsPostingsPrefix: (uid: string) => ({ PK: `USER#${uid}`, SKPrefix: 'POINTS_POSTING#' }),
  pointsReference: (uid: string, reference: string): Key => ({ PK: `USER#${uid}`, SK: `POINTS_REF#${reference}` }),
  pointsFreeze: (uid: string, orderId: string): Key => ({ PK: `USER#${uid}`, SK: `POINTS_FREEZE#${orderId}` }),
  duePointsExpiry: (day: string, expiresAt: string, uid: string, bid: string): Key => ({ PK: `POINTS_EXPIRY#${day}`, SK: `${expiresAt}#${uid}#${bid}` }),
  duePointsExpiryPartition: (day: string) => ({ PK: `POINTS_EXPIRY#${day}` }),
  pointsRules: (): Key => ({ PK: 'POINTS_RULES', SK: 'POINTS_RULES' }),
  checkIn: (uid: string): Key => ({ PK: `USER#${uid}`, SK: 'CHECK_IN' }),
  shopperPointsDay: (uid: string, day: string): Key => ({ PK: `USER#${uid}`, SK: `POINTS_DAY#${day}` }),
  devicePointsDay: (deviceId: string, day: string): Key => ({ PK: `DEVICE#${deviceId}`, SK: `POINTS_DAY#${day}` }),
  rewardedView: (tokenHash: string): Key => ({ PK: `REWARDED_VIEW#${tokenHash}`, SK: 'REWARDED_VIEW' }),
  pointsFlag: (at: string, tokenHash: string): Key => ({ PK: 'POINTS_FLAGS', SK: `${at}#${tokenHash}` }),
  // --- end points
} as const;

/** Index names say what they serve. */
export const INDEX = {
  /**
   * GSI1: items listed under their owner (AP5 a user's sessions, AP9 platform staff, AP12 a user's merchants,
   * AP22 a user's applications, AP24 a phone's invites, AP31 a store's products) and findSku (a SKU's product).
   */
  byOwner: 'GSI1',
  /**
   * GSI2: queues by status or time (AP21 applications, AP23 stores, AP32 products, AP35 scheduled on/off sale,
   * AP95 WeChat Pay applications not yet final).
   * Catalog listings by category, store and home feed are base-table partitions (AP51, AP54), not GSI2.
   */
  byStatus: 'GSI2',
} as const;

/**
 * Reading keys back: the inverse of a few builders, for code that scans the table (reconciliation)
 * and must tell items apart by their key. Each returns undefined when the key is not of that shape.
 */
export const parseKey = {
  /** `USER#<uid>` -> uid */
  userId: (pk: string): string | undefined => (pk.startsWith('USER#') ? pk.slice('USER#'.length) : undefined),
  /** `STATS#<day>` -> day */
  dailyStatDay: (pk: string): string | undefined => (pk.startsWith('STATS#') ? pk.slice('STATS#'.length) : undefined),
} as const;

/** `PK|SK`, how reports and logs name an item. */
export const keyText = (k: { PK?: unknown; SK?: unknown }): string => `${String(k.PK ?? '')}|${String(k.SK ?? '')}`;

/** Epoch seconds `seconds` from now, for the TTL attribute. */
export const ttlIn = (seconds: number, now = Date.now()): number => Math.floor(now / 1000) + seconds;
