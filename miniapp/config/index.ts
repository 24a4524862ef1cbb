import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'

// The H5 build is served by the local stack on the same origin as the API, so its base is ''.
// The weapp build needs an absolute https origin (WeChat only talks to whitelisted https hosts).
const WEAPP_DEFAULT_API_BASE = 'https://qunfang.example.cn'

function apiBase(taroEnv: string | undefined): string {
  const fromEnv = process.env.TARO_APP_API_BASE
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv.replace(/\/+$/, '')
  return taroEnv === 'h5' ? '' : WEAPP_DEFAULT_API_BASE
}

export default defineConfig(() => {
  const taroEnv = process.env.TARO_ENV
  const config: UserConfigExport = {
    projectName: 'qunfang-miniapp',
    date: '2026-11-28',
    // Styles are written in CSS px of a 375px-wide phone; Taro turns them into rpx / rem.
    designWidth: 375,
    deviceRatio: {
      375: 2,
      640: 2.34 / 2,
      750: 1,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `dist/${taroEnv}`,
    // aria-role / aria-label kept in weapp's WXML for WeChat's screen reader (issue 14).
    // page-meta (first in every page's WXML) reduced to its root-font-size: WeChat's font size.
    plugins: [path.resolve(__dirname, 'aria-plugin.js'), path.resolve(__dirname, 'page-meta-plugin.js')],
    defineConstants: {
      API_BASE: JSON.stringify(apiBase(taroEnv)),
    },
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      // weapp's package size is checked by scripts/weapp-size.ts against WeChat's real limit;
      // webpack's 244 KiB web hint says nothing about it, and only adds noise to every build.
      webpackChain(chain) {
        chain.performance.hints(false)
      },
      postcss: {
        // Every length in rem, not rpx (issue 14): text and the boxes around it follow WeChat's own
        // font size (小程序适老化设计指南). Each page's <page-meta root-font-size> (components/page-frame)
        // sets 1rem to 16 px × WeChat's fontSizeScaleFactor, higher in 长辈模式; 16 design px = 1rem.
        // rpx follows the screen's width only, so text never grew. As in H5, all sizes scale together.
        pxtransform: { enable: true, config: { targetUnit: 'rem', baseFontSize: 16 } },
        url: { enable: true, config: { limit: 1024 } },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      // The H5 build is the local stack's preview, served from the same machine: no size hints.
      webpackChain(chain) {
        chain.performance.hints(false)
      },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }
  return config
})
