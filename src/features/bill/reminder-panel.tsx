import type { Reminder } from '@contract'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'

import { useScreenContext } from '@/ui/screen'
import { opensPageOnTap } from '@/ui/widget-card'

import { DEFAULT_CHOICE, type ReminderChoice, stepDays, stepTime } from './reminder-choice'
import type { RemindStatus } from './use-reminders'

export interface ReminderPanelProps {
  status: RemindStatus
  reminders: Reminder[] | undefined
  onRemind(choice: ReminderChoice): void
  onCancel(reminderId: string): void
}

/**
 * "Remind me" with the issuer's state: what is set, each reminder with its cancel (the
 * list), and while nothing is set, lead days and time to choose (on the phone; compact
 * frames subscribe with the issuer's defaults).
 */
export function ReminderPanel({ status, reminders, onRemind, onCancel }: ReminderPanelProps) {
  const { t, frame } = useScreenContext()
  const [choice, setChoice] = useState<ReminderChoice>(DEFAULT_CHOICE)
  const set = reminders?.find((r) => r.status !== 'spent')
  const choosing = !frame.compact && status !== 'subscribed' && status !== 'renew'
  const step = <K extends keyof ReminderChoice>(key: K, next: ReminderChoice[K] | null) =>
    next === null ? null : () => setChoice((c) => ({ ...c, [key]: next }))
  const remindLabel = set
    ? t('bill.remindedAt', { days: set.days_before, time: set.time })
    : status === 'renew'
      ? t('bill.remindRenew')
      : t('bill.remind')

  return (
    <View className='cl-bill__reminder-panel'>
      {choosing ? (
        <View className='cl-bill__reminder-choice'>
          <ReminderStep
            id='bill-remind-days'
            label={t('bill.remindDays')}
            value={t('bill.remindDaysValue', { days: choice.daysBefore })}
            lessLabel={t('bill.remindDaysLess')}
            moreLabel={t('bill.remindDaysMore')}
            onLess={step('daysBefore', stepDays(choice.daysBefore, -1))}
            onMore={step('daysBefore', stepDays(choice.daysBefore, 1))}
          />
          <ReminderStep
            id='bill-remind-time'
            label={t('bill.remindTime')}
            value={choice.time}
            lessLabel={t('bill.remindTimeEarlier')}
            moreLabel={t('bill.remindTimeLater')}
            onLess={step('time', stepTime(choice.time, -1))}
            onMore={step('time', stepTime(choice.time, 1))}
          />
        </View>
      ) : null}
      <Button
        id='bill-remind'
        className='cl-bill__remind'
        fill='outline'
        data-status={status}
        loading={status === 'pending'}
        aria-label={remindLabel}
        onClick={() => {
          // Subscribed already: the label says what is set; a tap subscribes nothing.
          if (status !== 'subscribed') onRemind(choice)
        }}
      >
        {remindLabel}
      </Button>
      {status === 'failed' ? (
        <Text className='cl-bill__error'>{t('bill.remindFailed')}</Text>
      ) : null}
      {/* Listed with their cancel wherever there is a page to scroll (watches too); a
          service widget's tap opens the page that lists them. */}
      {!opensPageOnTap(frame) && reminders?.length ? (
        <View id='bill-reminders' className='cl-bill__reminders' role='list'>
          {reminders.map((r) => {
            const text = t('bill.reminderItem', {
              days: r.days_before,
              time: r.time,
              channel: t(`bill.channel.${r.channel}`),
            })
            return (
              <View
                key={r.id}
                id='bill-reminder-item'
                className='cl-bill__reminder'
                role='listitem'
                data-status={r.status}
              >
                <Text className='cl-bill__reminder-text'>{text}</Text>
                <Button
                  id='bill-reminder-cancel'
                  fill='outline'
                  aria-label={`${t('bill.reminderCancel')}: ${text}`}
                  onClick={() => onCancel(r.id)}
                >
                  {t('bill.reminderCancel')}
                </Button>
              </View>
            )
          })}
        </View>
      ) : null}
    </View>
  )
}

interface ReminderStepProps {
  /** Stable id of the value; the buttons are `<id>-less` and `<id>-more`. */
  id: string
  label: string
  /** The value as shown. */
  value: string
  lessLabel: string
  moreLabel: string
  /** Null at the lower bound. */
  onLess: (() => void) | null
  /** Null at the upper bound. */
  onMore: (() => void) | null
}

/**
 * A labelled value with one step down and one step up, each a 48 px NutUI Button that
 * says what it does. Not NutUI's InputNumber: its − and + are views with 10 px icons, no
 * role and no name (Tab never reaches them on H5 or harmony-hybrid; a screen reader
 * reads nothing), and a reminder's time ("09:30") is not a number it can show.
 */
function ReminderStep({
  id,
  label,
  value,
  lessLabel,
  moreLabel,
  onLess,
  onMore,
}: ReminderStepProps) {
  return (
    <View className='cl-bill__step'>
      <Text className='cl-bill__step-label'>{label}</Text>
      <View className='cl-bill__step-controls'>
        <Button
          id={`${id}-less`}
          className='cl-bill__step-button'
          fill='outline'
          disabled={!onLess}
          aria-label={lessLabel}
          onClick={() => onLess?.()}
        >
          −
        </Button>
        <Text id={id} className='cl-bill__step-value' aria-label={`${label} ${value}`}>
          {value}
        </Text>
        <Button
          id={`${id}-more`}
          className='cl-bill__step-button'
          fill='outline'
          disabled={!onMore}
          aria-label={moreLabel}
          onClick={() => onMore?.()}
        >
          +
        </Button>
      </View>
    </View>
  )
}
