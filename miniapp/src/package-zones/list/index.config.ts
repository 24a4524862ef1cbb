export default definePageConfig({
  navigationBarTitleText: '巡区管理',
  onReachBottomDistance: 80,
})
