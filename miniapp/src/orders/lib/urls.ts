/** Pages of the orders subpackage. */
export const orderUrls = {
  list: (tab?: string) => (tab ? `/orders/pages/list/index?tab=${tab}` : '/orders/pages/list/index'),
  detail: (orderId: string) => `/orders/pages/detail/index?orderId=${encodeURIComponent(orderId)}`,
  inbox: () => '/orders/pages/inbox/index',
};
