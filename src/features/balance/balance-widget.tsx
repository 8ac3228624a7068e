import './balance-widget.scss'

import { Button, Skeleton } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'

import {
  CardLockControl,
  CardWidget,
  resourceNotice,
  resourceStatus,
  useCurrentCard,
} from '@/issuer/cards'
import { issuerClient, useResource } from '@/issuer/client'
import { isWatchFace } from '@/lib/frame'
import { formatMoney, maskedMoney, type Money } from '@/lib/money'
import { formatClock } from '@/lib/time'
import { usePullToRefresh } from '@/platform/pull-down-refresh'
import { CreditArc } from '@/ui/credit-arc'
import { eyeGlyph } from '@/ui/eye'
import { ResourceNotice } from '@/ui/resource-notice'
import { useScreenContext } from '@/ui/screen'
import { useHostRefresh, useWidgetHost } from '@/ui/widget-host'

import { LatestTransactions } from './latest-transactions'
import { transactionRows } from './transaction-rows'
import { useBalancePrefs } from './use-balance-prefs'

/**
 * Balance: available credit as the headline; limit, statement balance and pending
 * below (not on the smallest frames), then the latest transactions where the frame has
 * room; privacy eye, masked by default on compact frames.
 */
export interface BalanceWidgetProps {
  /** Pins the privacy eye's starting state (an embedding host's `masked`). */
  masked?: boolean
}

export function BalanceWidget({ masked: hostMasked }: BalanceWidgetProps = {}) {
  const { t, locale, frame } = useScreenContext()
  const current = useCurrentCard()
  const { cards, card } = current
  const { embedded } = useWidgetHost()
  const balance = useResource(card ? issuerClient.resources.balance(card.id) : null)
  const rows = transactionRows(frame.id)
  const transactions = useResource(
    card && rows > 0 ? issuerClient.resources.transactions(card.id) : null,
  )
  const savedMask = useBalancePrefs((state) => state.masked)
  const setMasked = useBalancePrefs((state) => state.setMasked)
  // `?masked=1|0` pins the eye for the preview gallery and visual tests.
  const pinned = useRouter().params.masked
  // A host's `masked` starts this widget's eye; a tap then changes this widget only,
  // until the host sends another value (the cardholder's own choice stays theirs).
  const [eye, setEye] = useState<{ from: boolean; masked: boolean }>()
  const hostEye =
    hostMasked === undefined ? undefined : eye?.from === hostMasked ? eye.masked : hostMasked
  const masked =
    pinned === '1' ? true : pinned === '0' ? false : (hostEye ?? savedMask ?? frame.compact)
  const toggleMask = () =>
    hostMasked === undefined ? setMasked(!masked) : setEye({ from: hostMasked, masked: !masked })

  const refresh = () => Promise.all([cards.refresh(), balance.refresh(), transactions.refresh()])
  usePullToRefresh(refresh)
  useHostRefresh(refresh)

  const views = card ? [cards, balance] : [cards]
  const status = resourceStatus(views)
  const data = balance.data
  const show = (money: Money) => (masked ? maskedMoney(money, locale) : formatMoney(money, locale))
  // Service widgets and the band show the headline only; the tap opens the page.
  const small = frame.id === 'widget-2x2' || frame.id === 'widget-2x4' || frame.id === 'band'
  // Watch faces: the first screen is a glance (available credit, the limit it is out of,
  // when it was confirmed); current balance, pending, transactions and refresh are one
  // scroll below.
  const glance = isWatchFace(frame)
  const updated =
    balance.fetchedAt !== undefined ? (
      <Text id='balance-updated-at' className='cl-balance__updated'>
        {t('balance.updatedAt', { time: formatClock(balance.fetchedAt) })}
      </Text>
    ) : null
  const limitRow = data ? (
    <View className='cl-balance__row'>
      <Text>{t('balance.limit')}</Text>
      <Text id='balance-limit' className='cl-balance__value'>
        {show(data.credit_limit)}
      </Text>
    </View>
  ) : null

  // On a watch face the glance says it: a locked card is the first thing to know.
  const lockedLine =
    card?.locked || data?.locked ? (
      <View id='balance-locked' className='cl-balance__locked' role='status'>
        <Text>{t('lock.locked')}</Text>
      </View>
    ) : null

  return (
    <CardWidget
      name='balance'
      page='balance'
      title={t('balance.title')}
      status={status}
      current={current}
    >
      {data && glance && frame.shape === 'round' && !embedded ? (
        <CreditArc limit={data.credit_limit} available={data.available_credit} />
      ) : null}
      {data ? (
        <>
          <View className={glance ? 'cl-glance' : undefined}>
            <View className='cl-balance__headline'>
              <Text
                id='balance-available'
                className='cl-balance__available'
                data-masked={masked ? 'true' : 'false'}
              >
                {/* Not NutUI's Price: it formats a number itself (its own grouping, split
                  integer and decimals), and cannot show a masked amount or Intl's "CN¥". */}
                {show(data.available_credit)}
              </Text>
              <Button
                id='balance-mask-toggle'
                className='cl-balance__eye'
                fill='none'
                aria-label={masked ? t('balance.mask.show') : t('balance.mask.hide')}
                onClick={toggleMask}
              >
                {eyeGlyph(!masked)}
              </Button>
            </View>
            {glance ? (
              <>
                {lockedLine}
                {limitRow}
                {updated}
                <ResourceNotice {...resourceNotice(views)} />
              </>
            ) : null}
          </View>
          {small ? null : (
            <View className='cl-balance__details'>
              {glance ? null : limitRow}
              <View className='cl-balance__row'>
                <Text>{t('balance.current')}</Text>
                <Text id='balance-current' className='cl-balance__value'>
                  {show(data.current_balance)}
                </Text>
              </View>
              <View className='cl-balance__row'>
                <Text>{t('balance.pending')}</Text>
                <Text id='balance-pending' className='cl-balance__value'>
                  {show(data.pending_amount)}
                </Text>
              </View>
            </View>
          )}
          {rows > 0 && transactions.data ? (
            <LatestTransactions
              transactions={transactions.data.data.slice(0, rows)}
              masked={masked}
              heading={!frame.compact}
            />
          ) : null}
        </>
      ) : status === 'loading' ? (
        <Skeleton className='cl-skeleton' rows={2} animated={false} />
      ) : null}
      {glance && data ? null : <ResourceNotice {...resourceNotice(views)} />}
      {glance && data ? null : lockedLine}
      <View className='cl-balance__footer'>
        {glance && data ? null : updated}
        <Button
          id='balance-refresh'
          className='cl-balance__refresh'
          size='small'
          fill='outline'
          loading={balance.loading || cards.loading}
          aria-label={t('balance.refresh')}
          onClick={() => void refresh()}
        >
          {t('balance.refresh')}
        </Button>
      </View>
      {/* Service-widget frames: the tap opens the page, where the lock is. */}
      {card && frame.id !== 'widget-2x2' && frame.id !== 'widget-2x4' ? (
        <CardLockControl card={card} />
      ) : null}
    </CardWidget>
  )
}
