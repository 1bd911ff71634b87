// Tab texts here are the zh-CN defaults; useTabBar() replaces them with the current language at run time.
export default defineAppConfig({
  pages: ['pages/home/index', 'pages/category/index', 'pages/cart/index', 'pages/me/index', 'pages/login/index'],
  subPackages: [
    {
      root: 'shop',
      pages: [
        'pages/search/index',
        'pages/list/index',
        'pages/product/index',
        'pages/store/index',
        'pages/favourites/index',
        'pages/history/index',
        'pages/reviews/index',
      ],
    },
    {
      root: 'checkout',
      pages: ['pages/checkout/index', 'pages/pay/index', 'pages/result/index', 'pages/addresses/index', 'pages/address-edit/index'],
    },
    {
      root: 'merchant',
      pages: [
        'pages/entry/index',
        'pages/dashboard/index',
        'pages/apply/index',
        'pages/store/index',
        'pages/products/index',
        'pages/product-edit/index',
        'pages/stock/index',
        'pages/import/index',
        'pages/staff/index',
        'pages/inbox/index',
        'pages/orders/index',
        'pages/order/index',
        'pages/ship/index',
        'pages/shipping-templates/index',
        'pages/shipping-template-edit/index',
        'pages/wechatpay-account/index',
        'pages/reviews/index',
      ],
    },
    {
      root: 'admin',
      pages: [
        'pages/entry/index',
        'pages/staff/index',
        'pages/staff-new/index',
        'pages/applications/index',
        'pages/application/index',
        'pages/merchants/index',
        'pages/merchant/index',
        'pages/products/index',
        'pages/product/index',
        'pages/categories/index',
        'pages/category-edit/index',
        'pages/orders/index',
        'pages/order/index',
      ],
    },
    { root: 'orders', pages: ['pages/list/index', 'pages/detail/index', 'pages/review/index', 'pages/inbox/index'] },
    { root: 'points', pages: ['pages/centre/index', 'pages/video/index'] },
  ],
  // Shopper pages open from the home and category tabs: fetch their package while the home shows.
  preloadRule: { 'pages/home/index': { network: 'all', packages: ['shop'] } },
  window: {
    // The native bar in WeChat and Alipay; on H5 it makes Taro draw its own bar with a back (or
    // home) button, the only way back from pages off the tab bar in a browser without history UI.
    navigationStyle: 'default',
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f6f7f9',
  },
  tabBar: {
    color: '#5f6670',
    selectedColor: '#c81e24',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/home/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/category/index', text: '分类', iconPath: 'assets/tab/category.png', selectedIconPath: 'assets/tab/category-active.png' },
      { pagePath: 'pages/cart/index', text: '购物车', iconPath: 'assets/tab/cart.png', selectedIconPath: 'assets/tab/cart-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-active.png' },
    ],
  },
});
