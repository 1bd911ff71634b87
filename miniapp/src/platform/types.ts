/** What the login page needs from the platform it runs on. */
export interface PlatformLogin {
  /** The platform's one-tap sign-in (WeChat, Alipay), or null where there is none (H5). */
  native: null | {
    provider: 'wechat' | 'alipay';
    /** A single-use code for the server to exchange (wx.login code / my.getAuthCode authCode). */
    getCode(): Promise<string>;
  };
  /** Offer phone + SMS code and email + password forms. */
  forms: boolean;
}
