export default definePageConfig({
  navigationBarTitleText: '登录警务后台',
})
