export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/auth/index',
    'pages/identity-link/index',
    'pages/register/index',
  ],
  window: {
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    navigationBarTitleText: '常州群防群治',
    backgroundColor: '#f5f6f8',
    backgroundTextStyle: 'dark',
  },
})
