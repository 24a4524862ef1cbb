export default definePageConfig({ navigationBarTitleText: '线索监督', onReachBottomDistance: 80, enablePageMeta: true })
