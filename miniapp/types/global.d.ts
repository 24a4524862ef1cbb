/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.jpg'
declare module '*.svg'
declare module '*.scss'

/** API origin injected at build time by config/index.ts ('' in H5: same origin as the stack). */
declare const API_BASE: string

declare namespace NodeJS {
  interface ProcessEnv {
    /** 当前构建的平台 */
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'rn' | 'quickapp'
    TARO_APP_API_BASE?: string
  }
}
