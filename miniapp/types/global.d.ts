/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.jpg';
declare module '*.svg';
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production';
    TARO_ENV: 'weapp' | 'alipay' | 'h5' | 'swan' | 'tt' | 'qq' | 'jd' | 'rn' | 'harmony' | 'jdrn';
    /** WeChat appid written into dist/weapp/project.config.json (default touristappid). */
    TARO_APP_ID?: string;
    /** API base URL, fixed at build time (config/index.ts). */
    TARO_APP_API_BASE: string;
  }
}
