import './bill-widget.scss'

import { todayIn } from '@contract/calendar'
import { Button, Empty, Input, Skeleton } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'

import { resourceNotice, resourceStatus, useCurrentCard } from '@/issuer/cards'
import { issuerClient, useResource } from '@/issuer/client'
import { formatCalendarDate } from '@/lib/calendar'
import { isWatchFace } from '@/lib/frame'
import { formatMoney, parseDecimal } from '@/lib/money'
import { usePullToRefresh } from '@/platform/pull-down-refresh'
import { ResourceNotice } from '@/ui/resource-notice'
import { useScreenContext } from '@/ui/screen'
import { WidgetCard } from '@/ui/widget-card'
import { useEmitOnChange, useHostRefresh } from '@/ui/widget-host'

import { remainingDue, remainingMinimum, urgency } from './bill-math'
import { ReminderPanel } from './reminder-panel'
import { useReminders } from './use-reminders'
import { type RepayKind, useRepay } from './use-repay'

/**
 * Bill reminder: what is due and when (a calendar day in the issuer's time zone),
 * repay full / minimum / other amount with a confirmation step, and reminders.
 */
export function BillWidget() {
  const { t, locale, frame } = useScreenContext()
  const { cards, card, choose } = useCurrentCard()
  const statement = useResource(card ? issuerClient.resources.statement(card.id) : null)
  const repay = useRepay(card?.id)
  const [custom, setCustom] = useState('')
  const [customError, setCustomError] = useState<string>()
  const reminders = useReminders(card?.id)
  const refresh = () => Promise.all([cards.refresh(), statement.refresh(), reminders.refresh()])
  usePullToRefresh(refresh)
  useHostRefresh(refresh)
  const repaid = repay.state.phase === 'succeeded' ? repay.state : undefined
  useEmitOnChange('repaid', repaid && repay.state.phase, () => ({ amount: repaid?.amount }))

  const noStatement = statement.error?.code === 'no_statement'
  const views = card ? [cards, statement] : [cards]
  const status = noStatement ? 'no_statement' : resourceStatus(views)
  const s = noStatement ? undefined : statement.data
  // The issuer's today: its clock (device clock plus the measured skew) in its time zone.
  const today = s ? todayIn(s.time_zone, issuerClient.clock.now()) : undefined
  const due = s && today ? urgency(s, today) : undefined
  const money = (m: { amount: number; currency: string }) => formatMoney(m, locale)

  const daysLeftText = () => {
    if (!due) return ''
    if (due.urgency === 'paid') return t('bill.paid')
    if (due.urgency === 'overdue') return t('bill.overdue', { days: Math.max(1, -due.days) })
    if (due.days === 0) return t('bill.dueToday')
    return t('bill.daysLeft', { days: due.days })
  }

  const startRepay = (kind: RepayKind) => {
    if (!s) return
    if (kind === 'custom') {
      const max = remainingDue(s)
      const amount = parseDecimal(custom, max.currency)
      if (amount === undefined || amount < 1 || amount > max.amount) {
        setCustomError(t('bill.customInvalid', { max: money(max) }))
        return
      }
      setCustomError(undefined)
      repay.start('custom', { amount, currency: max.currency })
      return
    }
    repay.start(kind, kind === 'full' ? remainingDue(s) : remainingMinimum(s))
  }

  const compact = frame.compact
  // Service-widget cards are one glance and one tap: what is due and when; the tap
  // opens the bill page for repaying.
  const glance = frame.id === 'widget-2x2' || frame.id === 'widget-2x4'
  // Watch faces: the first screen is a glance (what is due, the days left, the due
  // date); the minimum, the repayment and the reminders are one scroll below.
  const watchFace = isWatchFace(frame)
  const minimumRow = s ? (
    <View className='cl-bill__row'>
      <Text>{t('bill.minimumDue')}</Text>
      <Text id='bill-minimum-due'>{money(s.minimum_due)}</Text>
    </View>
  ) : null
  const r = repay.state
  // The in-app reminder that fired for this due date, while something is still due.
  const notice = s && due && due.urgency !== 'paid' ? reminders.noticeFor(s.due_date) : undefined

  return (
    <WidgetCard
      id='bill-card'
      page='bill'
      title={t('bill.title')}
      status={status}
      switcher={{
        id: 'bill-card-switcher',
        cards: cards.data?.data,
        currentId: card?.id,
        onChoose: choose,
      }}
    >
      {noStatement ? (
        // No picture: NutUI's default one is fetched from a JD image host.
        <Empty className='cl-bill__empty' image={<View />} description={t('bill.noStatement')} />
      ) : s && due ? (
        <>
          <View className={watchFace ? 'cl-glance' : undefined}>
            <View id='bill-status' className='cl-bill__status' data-status={s.status}>
              <Text
                id='bill-days-left'
                className={`cl-bill__days cl-bill__days--${due.urgency}`}
                data-urgency={due.urgency}
              >
                {daysLeftText()}
              </Text>
            </View>
            {notice && !glance ? (
              <View
                id='bill-reminder-notice'
                className='cl-bill__notice'
                role='status'
                data-status='fired'
              >
                <Text>
                  {t('bill.reminderNotice', {
                    amount: money(notice.amount_due),
                    date: formatCalendarDate(notice.due_date, locale),
                  })}
                </Text>
              </View>
            ) : null}
            <View className='cl-bill__row cl-bill__row--headline'>
              <Text>{t('bill.statementAmount')}</Text>
              <Text id='bill-statement-amount' className='cl-bill__amount'>
                {money(s.statement_balance)}
              </Text>
            </View>
            {glance || watchFace ? null : minimumRow}
            <View className='cl-bill__row'>
              <Text>{t('bill.dueDate')}</Text>
              <Text id='bill-due-date' data-date={s.due_date}>
                {formatCalendarDate(s.due_date, locale)}
              </Text>
            </View>
          </View>
          {watchFace ? minimumRow : null}
          {s.paid_to_date.amount > 0 && due.urgency !== 'paid' ? (
            <View className='cl-bill__row'>
              <Text>{t('bill.remaining')}</Text>
              <Text id='bill-remaining'>{money(remainingDue(s))}</Text>
            </View>
          ) : null}

          {/* The confirmation in the card, not NutUI's Dialog: its Overlay and
              react-transition-group add 28 KiB to every package (bench/NUTUI.md). */}
          {glance ? null : r.phase === 'confirm' ||
            r.phase === 'submitting' ||
            r.phase === 'failed' ? (
            <View
              id='bill-repay-panel'
              className='cl-bill__confirm'
              data-status={r.phase}
              data-idempotency-key={r.key}
            >
              <Text className='cl-bill__confirm-text'>
                {r.phase === 'failed'
                  ? t('bill.repayFailed', { reason: t(r.error.messageKey) })
                  : t('bill.repayConfirmPrompt', { amount: money(r.amount) })}
              </Text>
              <View className='cl-bill__actions'>
                <Button
                  id='bill-repay-confirm'
                  type='primary'
                  loading={r.phase === 'submitting'}
                  aria-label={t('bill.repayConfirm', { amount: money(r.amount) })}
                  onClick={() => void repay.confirm()}
                >
                  {r.phase === 'failed'
                    ? t('common.retry')
                    : t('bill.repayConfirm', { amount: money(r.amount) })}
                </Button>
                <Button
                  id='bill-repay-cancel'
                  fill='outline'
                  disabled={r.phase === 'submitting'}
                  aria-label={t('bill.repayCancel')}
                  onClick={repay.cancel}
                >
                  {t('bill.repayCancel')}
                </Button>
              </View>
            </View>
          ) : due.urgency === 'paid' ? null : (
            <View className='cl-bill__actions'>
              <Button
                id='bill-repay-full'
                type='primary'
                aria-label={`${t('bill.repayFull')} ${money(remainingDue(s))}`}
                onClick={() => startRepay('full')}
              >
                {t('bill.repayFull')}
              </Button>
              <Button
                id='bill-repay-minimum'
                fill='outline'
                disabled={remainingMinimum(s).amount === 0}
                aria-label={`${t('bill.repayMinimum')} ${money(remainingMinimum(s))}`}
                onClick={() => startRepay('minimum')}
              >
                {t('bill.repayMinimum')}
              </Button>
              {compact ? null : (
                <View className='cl-bill__custom'>
                  <Input
                    id='bill-repay-custom-input'
                    className='cl-bill__custom-amount'
                    type='digit'
                    value={custom}
                    placeholder={t('bill.customPlaceholder')}
                    aria-label={t('bill.customPlaceholder')}
                    onChange={setCustom}
                  />
                  <Button
                    id='bill-repay-custom'
                    fill='outline'
                    aria-label={t('bill.repayCustom')}
                    onClick={() => startRepay('custom')}
                  >
                    {t('bill.repayCustom')}
                  </Button>
                </View>
              )}
              {customError ? <Text className='cl-bill__error'>{customError}</Text> : null}
            </View>
          )}

          {/* A result that stays until the next action, not NutUI's Toast (+21.6 KiB, and
              gone before a wrist is turned back to it). */}
          {r.phase === 'succeeded' ? (
            <Text id='bill-repay-result' className='cl-bill__result' data-status='succeeded'>
              {t('bill.repaySucceeded', { amount: money(r.amount) })}
            </Text>
          ) : null}

          {glance || !today ? null : (
            <ReminderPanel
              status={reminders.status}
              reminders={reminders.reminders}
              onRemind={(choice) =>
                void reminders.subscribe(s, today, t('bill.reminderTitle'), choice)
              }
              onCancel={(id) => void reminders.cancel(id)}
            />
          )}
        </>
      ) : status === 'loading' ? (
        <Skeleton className='cl-skeleton' rows={3} animated={false} />
      ) : null}
      {noStatement ? null : <ResourceNotice {...resourceNotice(views)} />}
    </WidgetCard>
  )
}
