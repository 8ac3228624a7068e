import './bill-widget.scss'

import { todayIn } from '@contract/calendar'
import { Empty, Skeleton } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'

import { CardWidget, resourceNotice, resourceStatus, useCurrentCard } from '@/issuer/cards'
import { issuerClient, useResource } from '@/issuer/client'
import { formatCalendarDate } from '@/lib/calendar'
import { isWatchFace } from '@/lib/frame'
import { formatMoney } from '@/lib/money'
import { usePullToRefresh } from '@/platform/pull-down-refresh'
import { ResourceNotice } from '@/ui/resource-notice'
import { useScreenContext } from '@/ui/screen'
import { useEmitOnChange, useHostRefresh } from '@/ui/widget-host'

import { remainingDue, urgency } from './bill-math'
import { ReminderPanel } from './reminder-panel'
import { RepayActions, RepayConfirm } from './repay-panel'
import { useReminders } from './use-reminders'
import { useRepay } from './use-repay'

/**
 * Bill reminder: what is due and when (a calendar day in the issuer's time zone),
 * repay full / minimum / other amount with a confirmation step, and reminders.
 */
export function BillWidget() {
  const { t, locale, frame } = useScreenContext()
  const current = useCurrentCard()
  const { cards, card } = current
  const statement = useResource(card ? issuerClient.resources.statement(card.id) : null)
  const repay = useRepay(card?.id)
  const [custom, setCustom] = useState('')
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
    <CardWidget name='bill' page='bill' title={t('bill.title')} status={status} current={current}>
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

          {glance ? null : repay.state.phase !== 'idle' && repay.state.phase !== 'succeeded' ? (
            <RepayConfirm repay={repay} money={money} />
          ) : due.urgency === 'paid' ? null : (
            <RepayActions
              statement={s}
              compact={compact}
              money={money}
              custom={custom}
              onCustom={setCustom}
              onStart={repay.start}
            />
          )}

          {/* A result that stays until the next action, not NutUI's Toast (+21.6 KiB,
              bench/NUTUI.md; and gone before a wrist is turned back to it). */}
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
    </CardWidget>
  )
}
