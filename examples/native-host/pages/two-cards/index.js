// Two balances side by side, one per card the bank passes in the page's query.
Page({
  data: { first: null, second: null },

  onLoad(query) {
    this.setData({
      first: { cardId: query.first, locale: 'en-US' },
      second: { cardId: query.second, locale: 'en-US' },
    })
  },

  onCardChange(event) {
    this.cardChanges = this.cardChanges || []
    this.cardChanges.push({ widget: event.currentTarget.id, cardId: event.detail.cardId })
  },
})
