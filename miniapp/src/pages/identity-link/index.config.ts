export default definePageConfig({
  navigationBarTitleText: '授权关联用户信息',
})
