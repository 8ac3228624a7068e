Page({
  openCards() {
    wx.navigateTo({ url: '/cardlet/pages/home/index' })
  },
})
