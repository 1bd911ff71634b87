/** What the shopper answered for each template id ('accept', 'reject', 'ban', 'filter'). */
export type SubscribeAnswers = Record<string, string>;

export interface PlatformSubscribe {
  /** Whether this platform can ask (WeChat only). */
  supported: boolean;
  /** Asks for one-time subscribe messages of these templates (WeChat takes at most 3 per call; must run in a tap). */
  request(templateIds: string[]): Promise<SubscribeAnswers>;
}
