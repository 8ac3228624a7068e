export {
  useEmitOnChange,
  useHostRefresh,
  useWidgetHost,
  type WidgetEventName,
  type WidgetHost,
  WidgetHostContext,
} from './widget-host'
