// The bank learns which card to show from its own request, after the widget attached.
Page({
  data: { balance: null },

  onLoad(query) {
    setTimeout(() => this.setData({ balance: { cardId: query.card, locale: 'en-US' } }), 200)
  },
})
