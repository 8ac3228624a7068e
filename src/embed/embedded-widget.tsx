import './embed.scss'

import { Text, View } from '@tarojs/components'
import { type ReactNode, useEffect, useMemo, useState } from 'react'

import { type CardScope, CardScopeContext, useCurrentCard } from '@/issuer/cards'
import { issuerClient } from '@/issuer/client'
import { detectFrame, frameById } from '@/lib/frame'
import { type MessageKey, resolveLocale } from '@/lib/i18n'
import {
  embedBehaviors,
  emitToHost,
  hostProps,
  setComponentRefresh,
} from '@/platform/embed-component'
import { systemLanguage } from '@/platform/system'
import {
  defaultTheme,
  screenContext,
  ScreenContextProvider,
  useScreenContext,
  useSystemTheme,
  windowSize,
} from '@/ui/screen'
import { ThemeRoot } from '@/ui/theme-root'
import { WidgetCard } from '@/ui/widget-card'
import { type WidgetHost, WidgetHostContext } from '@/ui/widget-host'

import { configProblem, startEmbedRuntime, watchConfig } from './runtime'
import { readWidgetProps, type WidgetProps } from './widget-props'

/** What Taro passes the component's React root: the native component instance. */
export interface NativeRootProps {
  $scope?: unknown
}

interface EmbeddedWidgetProps extends NativeRootProps {
  /** `balance`, `pay-code`, `bill`: in console messages. */
  name: string
  /** The widget's stable card id (`balance-card`): a problem state keeps it. */
  cardElementId: string
  title: MessageKey
  render(props: WidgetProps): ReactNode
}

/**
 * The root of a widget embedded in a host's page as a native component: what a Screen
 * is to Cardlet's own pages, without what belongs to the host's page (title, page
 * styles, minimum height, pull-down). Reads the host's `props` from the component, gives
 * the widget its own card, sends the host its events and runs `refresh()` for it.
 */
export function EmbeddedWidget({
  $scope,
  name,
  cardElementId,
  title,
  render,
}: EmbeddedWidgetProps) {
  useState(startEmbedRuntime)
  const raw = hostProps($scope)
  const { props, problems } = useMemo(() => readWidgetProps(raw), [raw])
  // Once per distinct problem: the platform hands out a fresh copy of `props` per read.
  const problemText = problems.join('; ')
  useEffect(() => {
    if (problemText) console.error(`cardlet ${name}: ${problemText}`)
  }, [name, problemText])

  const [config, setConfig] = useState(configProblem)
  useEffect(() => watchConfig(setConfig), [])
  useEffect(() => {
    if (config) console.error(`cardlet ${name}: ${config} (docs/embedding.md "configure")`)
  }, [name, config])

  const host = useMemo<WidgetHost>(
    () => ({
      embedded: true,
      emit: (event, detail) => emitToHost($scope, event, detail),
      setRefresh: (refresh) => setComponentRefresh($scope, refresh),
      scope: $scope,
    }),
    [$scope],
  )
  useEffect(() => host.emit('ready', {}), [host])
  useEffect(() => issuerClient.session.onAuthRequired(() => host.emit('authrequired', {})), [host])

  const system = useSystemTheme()
  const screen = useMemo(() => {
    const { width, height } = windowSize()
    const frame = frameById(props.frame) ?? detectFrame(width, height)
    const theme =
      props.theme === 'light' || props.theme === 'dark' ? props.theme : defaultTheme(frame, system)
    return screenContext(frame, theme, props.locale ?? resolveLocale(systemLanguage()))
  }, [props.frame, props.theme, props.locale, system])

  const scope = useOwnCard(props.cardId)
  const { frame, theme } = screen
  const className = [
    'cl-embed',
    `cl-screen--${frame.id}`,
    frame.compact ? 'cl-screen--compact' : 'cl-screen--full',
    `cl-theme-${theme}`,
  ].join(' ')

  return (
    <WidgetHostContext.Provider value={host}>
      <ScreenContextProvider value={screen}>
        <CardScopeContext.Provider value={scope}>
          <ThemeRoot locale={screen.locale}>
            <View className={className} data-frame={frame.id} data-theme={theme}>
              {config ? (
                <Problem
                  id={cardElementId}
                  title={title}
                  code={config}
                  message='embed.notConfigured'
                />
              ) : (
                <CardGate id={cardElementId} title={title}>
                  {render(props)}
                </CardGate>
              )}
            </View>
          </ThemeRoot>
        </CardScopeContext.Provider>
      </ScreenContextProvider>
    </WidgetHostContext.Provider>
  )
}

/**
 * The widget's own card when the host names one: a switch inside the widget changes
 * this widget only, until the host names another; never the remembered choice.
 */
function useOwnCard(cardId: string | undefined): CardScope | undefined {
  const [switched, setSwitched] = useState<{ from: string; to: string }>()
  return useMemo(() => {
    if (cardId === undefined) return undefined
    return {
      cardId: switched?.from === cardId ? switched.to : cardId,
      choose: (to: string) => setSwitched({ from: cardId, to }),
    }
  }, [cardId, switched])
}

/** A card the host named that the cardholder does not hold: a clear state, no widget. */
function CardGate({ id, title, children }: { id: string; title: MessageKey; children: ReactNode }) {
  const { missing } = useCurrentCard()
  if (missing)
    return <Problem id={id} title={title} code='card_not_found' message='error.notFound' />
  return children
}

function Problem(props: { id: string; title: MessageKey; code: string; message: MessageKey }) {
  const { t } = useScreenContext()
  return (
    <WidgetCard id={props.id} title={t(props.title)} status='error' code={props.code}>
      <View id='embed-problem' className='cl-embed__problem' data-status={props.code} role='alert'>
        <Text>{t(props.message)}</Text>
      </View>
    </WidgetCard>
  )
}

/**
 * A widget's native-component entry: its root, with what Taro's generated component
 * lacks (embed-component.ts) attached as `behaviors`, which Taro's loader reads when the
 * entry file registers the component.
 */
export function embeddedWidget(widget: Omit<EmbeddedWidgetProps, '$scope'>) {
  function Root({ $scope }: NativeRootProps) {
    return <EmbeddedWidget $scope={$scope} {...widget} />
  }
  return Object.assign(Root, { behaviors: embedBehaviors() })
}
