/** Pages of the orders subpackage. */
export const orderUrls = {
  list: (tab?: string) => (tab ? `/orders/pages/list/index?tab=${tab}` : '/orders/pages/list/index'),
  detail: (orderId: string) => `/orders/pages/detail/index?orderId=${encodeURIComponent(orderId)}`,
  inbox: () => '/orders/pages/inbox/index',
};

/** The after-sale pages of the orders subpackage. */
export const afterSaleUrls = {
  request: (orderId: string, skuId?: string) =>
    `/orders/pages/after-sale-request/index?orderId=${encodeURIComponent(orderId)}${skuId ? `&skuId=${encodeURIComponent(skuId)}` : ''}`,
  list: (orderId?: string) => (orderId ? `/orders/pages/after-sales/index?orderId=${encodeURIComponent(orderId)}` : '/orders/pages/after-sales/index'),
  detail: (afterSaleId: string) => `/orders/pages/after-sale/index?afterSaleId=${encodeURIComponent(afterSaleId)}`,
};
