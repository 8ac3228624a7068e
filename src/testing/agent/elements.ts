import { pageRoot } from './pages'
import { persist, state } from './state'

/** An element handle as the automator protocol names it. */
export interface ElementInfo {
  elementId: string
  /** The mini-program tag: a View (`<div>` or `taro-view-core`) is `view`, and so on. */
  tagName: string
}

interface Handle {
  element: Element
  pageId: number
}

const handles = new Map<string, Handle>()
const ids = new WeakMap<Element, string>()

export function tagName(element: Element): string {
  const local = element.localName
  // Taro's web components (`taro-view-core` …), where a build still renders one.
  const webComponent = /^taro-(.+)-core$/.exec(local)?.[1]
  if (webComponent) return webComponent
  // Taro's HTML components (h5.useHtmlComponents): a View is a <div>, a Text a
  // <span class="taro-text">; Button, Input and (our) Canvas keep their HTML names.
  if (local === 'div') return 'view'
  if (local === 'span' && element.classList.contains('taro-text')) return 'text'
  return local
}

function handleFor(element: Element, pageId: number): ElementInfo {
  let elementId = ids.get(element)
  if (!elementId) {
    elementId = `e${state.nextElementId++}`
    ids.set(element, elementId)
    handles.set(elementId, { element, pageId })
    persist()
  }
  return { elementId, tagName: tagName(element) }
}

function scope(pageId: number, elementId?: string): ParentNode {
  if (elementId === undefined) return pageRoot(pageId)
  return element(pageId, elementId)
}

export function element(pageId: number, elementId: string): Element {
  const handle = handles.get(elementId)
  if (!handle || handle.pageId !== pageId) throw new Error(`element ${elementId} not found`)
  // The page must still be in the stack, and the node still on it (React may replace it).
  const root = pageRoot(pageId)
  if (!root.contains(handle.element)) {
    throw new Error(`element ${elementId} is no longer on page ${pageId}`)
  }
  return handle.element
}

export function queryOne(pageId: number, selector: string, elementId?: string): ElementInfo {
  const found = scope(pageId, elementId).querySelector(selector)
  if (!found) throw new Error(`no element matches selector "${selector}"`)
  return handleFor(found, pageId)
}

export function queryAll(pageId: number, selector: string, elementId?: string): ElementInfo[] {
  return Array.from(scope(pageId, elementId).querySelectorAll(selector), (found) =>
    handleFor(found, pageId),
  )
}

/** A value that survives JSON: DOM nodes and functions become null. */
function plain(value: unknown): unknown {
  if (value === undefined || typeof value === 'function') return null
  if (value !== null && typeof value === 'object') {
    try {
      return JSON.parse(JSON.stringify(value)) as unknown
    } catch {
      return null
    }
  }
  return value
}

export function domProperties(el: Element, names: string[]): unknown[] {
  return names.map((name) => plain((el as unknown as Record<string, unknown>)[name]))
}

export function attributes(el: Element, names: string[]): (string | null)[] {
  return names.map((name) => el.getAttribute(name))
}

export function styles(el: Element, names: string[]): string[] {
  const computed = window.getComputedStyle(el)
  return names.map((name) =>
    computed.getPropertyValue(name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)),
  )
}

export function offset(el: Element): { left: number; top: number } {
  const rect = el.getBoundingClientRect()
  return { left: rect.left + window.scrollX, top: rect.top + window.scrollY }
}

function center(el: Element): { x: number; y: number } {
  const rect = el.getBoundingClientRect()
  return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }
}

/** A tap as the H5 app hears it: pointer and mouse down/up, then click, on this element. */
export function tap(el: Element): void {
  const { x, y } = center(el)
  const init = {
    bubbles: true,
    cancelable: true,
    composed: true,
    clientX: x,
    clientY: y,
    view: window,
  }
  el.dispatchEvent(
    new PointerEvent('pointerdown', { ...init, pointerType: 'touch', isPrimary: true }),
  )
  el.dispatchEvent(new MouseEvent('mousedown', init))
  el.dispatchEvent(
    new PointerEvent('pointerup', { ...init, pointerType: 'touch', isPrimary: true }),
  )
  el.dispatchEvent(new MouseEvent('mouseup', init))
  el.dispatchEvent(new MouseEvent('click', init))
}

interface TouchPoint {
  identifier?: number
  pageX?: number
  pageY?: number
  clientX?: number
  clientY?: number
}

/** touchstart / touchmove / touchend with the client's touches (default: one at the centre). */
export function touch(
  el: Element,
  type: 'touchstart' | 'touchmove' | 'touchend',
  params: { touches?: TouchPoint[]; changedTouches?: TouchPoint[] },
): void {
  const { x, y } = center(el)
  const fallback: TouchPoint[] =
    type === 'touchend' ? [] : [{ identifier: 0, clientX: x, clientY: y }]
  const toTouch = (point: TouchPoint): Touch | TouchPoint => {
    const clientX = point.clientX ?? (point.pageX !== undefined ? point.pageX - window.scrollX : x)
    const clientY = point.clientY ?? (point.pageY !== undefined ? point.pageY - window.scrollY : y)
    const data = {
      identifier: point.identifier ?? 0,
      target: el,
      clientX,
      clientY,
      pageX: clientX + window.scrollX,
      pageY: clientY + window.scrollY,
    }
    return typeof Touch === 'function' ? new Touch(data) : data
  }
  const touches = (params.touches ?? fallback).map(toTouch)
  const changed = (
    params.changedTouches && params.changedTouches.length > 0
      ? params.changedTouches
      : (params.touches ?? [{ identifier: 0, clientX: x, clientY: y }])
  ).map(toTouch)
  let event: Event
  if (typeof TouchEvent === 'function' && typeof Touch === 'function') {
    event = new TouchEvent(type, {
      bubbles: true,
      cancelable: true,
      composed: true,
      touches: touches as Touch[],
      targetTouches: touches as Touch[],
      changedTouches: changed as Touch[],
    })
  } else {
    event = new Event(type, { bubbles: true, cancelable: true, composed: true })
    Object.defineProperties(event, {
      touches: { value: touches },
      targetTouches: { value: touches },
      changedTouches: { value: changed },
    })
  }
  el.dispatchEvent(event)
}

/** `trigger(type, detail)`: `tap` taps; any other type is a bubbling CustomEvent with the detail. */
export function trigger(el: Element, type: string, detail: unknown): void {
  if (type === 'tap') return tap(el)
  el.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }))
}

/** `input.input(value)` / `textarea.input(value)`: types into the native field as a user would. */
export function typeInto(el: Element, kind: 'input' | 'textarea', value: unknown): void {
  const field =
    el.localName === kind
      ? el
      : (el.querySelector(kind) as HTMLInputElement | HTMLTextAreaElement | null)
  if (!field) throw new Error(`element is not an ${kind}`)
  const proto = kind === 'input' ? HTMLInputElement.prototype : HTMLTextAreaElement.prototype
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set
  setter?.call(field, String(value ?? ''))
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }))
}

export { plain }
