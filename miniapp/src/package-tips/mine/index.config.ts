export default definePageConfig({ navigationBarTitleText: '我的举报', onReachBottomDistance: 80, enablePageMeta: true })
