export default definePageConfig({ navigationBarTitleText: '线索处理', onReachBottomDistance: 80, enablePageMeta: true })
