/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.svg'
declare module '*.css'
declare module '*.scss'

/** True only in the H5 test build that carries the automator agent. */
declare const CARDLET_TEST_AGENT: boolean
/** The `data-*` attributes of config/template-attributes.ts (mini-program builds bind them). */
declare const CARDLET_TEMPLATE_DATA_ATTRIBUTES: string[]
/** The brand file's name and card-art colours (config/brand.ts); colours reach the styles. */
declare const CARDLET_BRAND: {
  displayName: string
  cardArt: { default: string; products: Record<string, string> }
}

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test'
    TARO_ENV: 'weapp' | 'alipay' | 'h5' | 'harmony-hybrid'
    /** Issuer API origin, set at build time; empty on H5 means same origin. */
    TARO_APP_ISSUER_BASE_URL?: string
    /** Sandbox persona for H5 logins without `?persona=` (default "good"). */
    TARO_APP_SANDBOX_PERSONA?: string
    TARO_APP_WECHAT_REMINDER_TEMPLATE_ID?: string
    TARO_APP_ALIPAY_REMINDER_TEMPLATE_ID?: string
  }
}
