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
      pages: ['declare/index', 'registry/index', 'status/index', 'scan/index', 'review/index', 'code/index', 'staff/index', 'reviews/index', 'console-login/index'],
    },
    // 巡区管理, 巡区人员, 到岗记录 (issue 8).
    {
      root: 'package-zones',
      pages: ['list/index', 'edit/index', 'code/index', 'members/index', 'records/index'],
    },
    // 线索举报, 线索处理 and 线索监督 (issue 9).
    {
      root: 'package-tips',
      pages: ['notice/index', 'form/index', 'mine/index', 'detail/index', 'inbox/index', 'supervise/index'],
    },
  ],
  // 打卡 sends the device location (GCJ-02) and 添加巡区 picks the zone's point on WeChat's map.
  permission: {
    'scope.userLocation': { desc: '用于上岗、离岗打卡时核对您是否在巡区范围内' },
  },
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  window: {
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    navigationBarTitleText: '常州群防群治',
    backgroundColor: '#f5f6f8',
    backgroundTextStyle: 'dark',
  },
})
