Page({
  data: {
    balance: { locale: 'en-US', theme: 'light' },
    payCode: { locale: 'en-US' },
    bill: { locale: 'en-US' },
  },

  // Every widget event, for the bank's own analytics (and the tests). Components attach
  // before the page's onLoad, so their first events may come before it.
  onWidgetEvent(event) {
    this.widgetEvents = this.widgetEvents || []
    this.widgetEvents.push({
      type: event.type,
      widget: event.currentTarget.id,
      detail: event.detail,
    })
  },

  // The pull-down belongs to the bank's page: it asks each widget to refresh.
  onPullDownRefresh() {
    const widgets = ['#balance', '#pay-code', '#bill'].map((id) => this.selectComponent(id))
    Promise.all(widgets.map((widget) => widget.refresh())).finally(() => wx.stopPullDownRefresh())
  },
})
