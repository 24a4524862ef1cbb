export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/auth/index',
    'pages/identity-link/index',
    'pages/register/index',
  ],
  // The company pages (issue 3) load on demand: the main package stays small (WeChat's checkCodeQuality in scripts/weapp/wechat-ci.mjs).
  subPackages: [
    {
      root: 'package-company',
      pages: ['declare/index', 'registry/index', 'status/index', 'scan/index', 'review/index', 'code/index', 'staff/index', 'reviews/index'],
    },
    {
      root: 'package-tips',
      pages: ['notice/index', 'form/index', 'mine/index', 'detail/index', 'inbox/index'],
    },
  ],
  window: {
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    navigationBarTitleText: '常州群防群治',
    backgroundColor: '#f5f6f8',
    backgroundTextStyle: 'dark',
  },
})
