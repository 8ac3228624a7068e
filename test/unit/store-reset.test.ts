import { useCardChoice } from '@/issuer/cards/use-card-choice'
import { useSessionStore } from '@/issuer/client'

// The zustand stores are module singletons; __mocks__/zustand.ts puts each back to its
// initial state after every test. The second test sees nothing of the first.
test('a test changes the stores', () => {
  useCardChoice.getState().choose('card_1')
  useSessionStore.getState().setStatus('signed_in')
  expect(useCardChoice.getState().cardId).toBe('card_1')
  expect(useSessionStore.getState().status).toBe('signed_in')
})

test('the next test starts from their initial state', () => {
  expect(useCardChoice.getState().cardId).toBeUndefined()
  expect(useSessionStore.getState().status).toBe('anonymous')
})
