export default definePageConfig({
  navigationBarTitleText: '巡区二维码',
})
