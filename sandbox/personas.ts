import type { CardBrand } from '../src/issuer/contract'

/** One seeded card: amounts in fen; dates as day offsets from the sandbox's today. */
export interface PersonaCard {
  id: string
  brand: CardBrand
  last4: string
  productName: string
  creditLimit: number
  /** Posted balance owed (the current balance). */
  posted: number
  pending: number
  statement?: {
    statementDayOffset: number
    dueDayOffset: number
    statementBalance: number
    minimumDue: number
  }
}

/** A sandbox persona: the login code `sandbox:<name>` (or `sandbox:<name>:<nonce>`). */
export type PersonaName = 'good' | 'overdue' | 'maxed' | 'no-statement' | 'multi-card'

/**
 * The sandbox personas (README, "The issuer API and the sandbox"): login code `sandbox:<name>` signs in
 * as one. Tests import these figures to assert exact amounts.
 */
export const PERSONAS: Record<PersonaName, PersonaCard[]> = {
  good: [
    {
      id: 'card_good_8888',
      brand: 'unionpay',
      last4: '8888',
      productName: 'Cardlet 金卡',
      creditLimit: 5_000_000,
      posted: 376_543,
      pending: 12_000,
      statement: {
        statementDayOffset: -8,
        dueDayOffset: 12,
        statementBalance: 376_543,
        minimumDue: 37_654,
      },
    },
  ],
  overdue: [
    {
      id: 'card_overdue_4242',
      brand: 'visa',
      last4: '4242',
      productName: 'Cardlet Visa',
      creditLimit: 2_000_000,
      posted: 158_000,
      pending: 0,
      statement: {
        statementDayOffset: -30,
        dueDayOffset: -5,
        statementBalance: 158_000,
        minimumDue: 15_800,
      },
    },
  ],
  maxed: [
    {
      id: 'card_maxed_5454',
      brand: 'mastercard',
      last4: '5454',
      productName: 'Cardlet Mastercard',
      creditLimit: 1_000_000,
      posted: 985_000,
      pending: 15_000,
      statement: {
        statementDayOffset: -17,
        dueDayOffset: 3,
        statementBalance: 985_000,
        minimumDue: 98_500,
      },
    },
  ],
  'no-statement': [
    {
      id: 'card_new_6201',
      brand: 'unionpay',
      last4: '6201',
      productName: 'Cardlet 新卡',
      creditLimit: 3_000_000,
      posted: 0,
      pending: 5_600,
    },
  ],
  'multi-card': [
    {
      id: 'card_multi_1001',
      brand: 'unionpay',
      last4: '1001',
      productName: 'Cardlet 白金卡',
      creditLimit: 8_000_000,
      posted: 120_000,
      pending: 0,
      statement: {
        statementDayOffset: -5,
        dueDayOffset: 15,
        statementBalance: 120_000,
        minimumDue: 12_000,
      },
    },
    {
      id: 'card_multi_2002',
      brand: 'visa',
      last4: '2002',
      productName: 'Cardlet Visa',
      creditLimit: 2_000_000,
      posted: 56_789,
      pending: 1_000,
      statement: {
        statementDayOffset: -12,
        dueDayOffset: 8,
        statementBalance: 56_789,
        minimumDue: 5_679,
      },
    },
    {
      id: 'card_multi_3003',
      brand: 'mastercard',
      last4: '3003',
      productName: 'Cardlet Mastercard',
      creditLimit: 1_500_000,
      posted: 0,
      pending: 0,
      statement: {
        statementDayOffset: -20,
        dueDayOffset: 0,
        statementBalance: 0,
        minimumDue: 0,
      },
    },
  ],
}

export const PERSONA_NAMES = Object.keys(PERSONAS) as PersonaName[]

/** Available credit as the sandbox computes it: never negative. */
export function availableCredit(card: Pick<PersonaCard, 'creditLimit' | 'posted' | 'pending'>) {
  return Math.max(0, card.creditLimit - card.posted - card.pending)
}
