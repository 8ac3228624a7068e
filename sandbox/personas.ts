import type { CardBrand, DeclineReason } from '@contract'

/**
 * A seeded purchase, `daysAgo` before the sandbox's start. Posted ones before the
 * statement date are billed on it; a seeded pending one is a pre-authorisation that
 * stays pending (it never posts by itself), so the headline figures hold as the clock moves.
 */
export interface SeedTransaction {
  merchant: string
  amount: number
  daysAgo: number
  status: 'posted' | 'pending' | 'declined' | 'reversed'
  declineReason?: DeclineReason
}

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
  /** Added to the next statement when this one goes overdue. */
  lateFee: number
  /** Its posted ones sum to `posted`, its pending ones to `pending` (a test checks). */
  transactions: SeedTransaction[]
  /** A card without a statement yet: its first is cut this many days after the start. */
  firstStatementInDays?: number
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
 * The sandbox personas (docs/sandbox.md): login code `sandbox:<name>` signs in
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
      lateFee: 5_000,
      transactions: [
        { merchant: 'Apple Store 三里屯', amount: 259_900, daysAgo: 15, status: 'posted' },
        { merchant: '中国国航 Air China', amount: 98_000, daysAgo: 11, status: 'posted' },
        { merchant: '盒马鲜生', amount: 18_643, daysAgo: 9, status: 'posted' },
        { merchant: '全季酒店 押金', amount: 12_000, daysAgo: 1, status: 'pending' },
      ],
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
      lateFee: 7_500,
      transactions: [
        { merchant: '京东 JD.com', amount: 128_000, daysAgo: 36, status: 'posted' },
        { merchant: '滴滴出行', amount: 30_000, daysAgo: 33, status: 'posted' },
        {
          merchant: '携程 Trip.com',
          amount: 45_000,
          daysAgo: 2,
          status: 'declined',
          declineReason: 'issuer_declined',
        },
      ],
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
      lateFee: 5_000,
      transactions: [
        { merchant: 'Louis Vuitton 国贸', amount: 860_000, daysAgo: 25, status: 'posted' },
        { merchant: '华为 Huawei Store', amount: 125_000, daysAgo: 20, status: 'posted' },
        { merchant: '壳牌加油 Shell', amount: 15_000, daysAgo: 1, status: 'pending' },
        {
          merchant: '瑞幸咖啡',
          amount: 2_900,
          daysAgo: 0.1,
          status: 'declined',
          declineReason: 'insufficient_credit',
        },
      ],
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
      lateFee: 5_000,
      firstStatementInDays: 9,
      transactions: [
        { merchant: '滴滴出行', amount: 3_200, daysAgo: 2, status: 'reversed' },
        { merchant: '美团外卖', amount: 5_600, daysAgo: 0.2, status: 'pending' },
      ],
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
      lateFee: 5_000,
      transactions: [{ merchant: '宜家家居 IKEA', amount: 120_000, daysAgo: 7, status: 'posted' }],
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
      lateFee: 5_000,
      transactions: [
        { merchant: '优衣库 Uniqlo', amount: 50_000, daysAgo: 14, status: 'posted' },
        { merchant: '星巴克', amount: 6_789, daysAgo: 13, status: 'posted' },
        { merchant: '瑞幸咖啡', amount: 1_000, daysAgo: 0.3, status: 'pending' },
      ],
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
      lateFee: 5_000,
      transactions: [],
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
