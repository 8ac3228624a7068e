// Runs inside chromium (bundled by bundle.ts): renders one page of a Taro weapp build
// (or an Alipay / JD build's templates translated to WXML, or a host mini-program's page
// with its custom components) with glass-easel from the harness's data, then finishes
// what WeChat's built-in components would draw themselves (an input's text, a canvas's
// pixels).
import { glassEasel, MiniProgramEnv } from 'glass-easel-miniprogram-adapter'

import type { ComponentData } from '../weapp'
import type { CanvasCapture } from './capture'
import { classNames, collapseText, type RenderedNode } from './tree'

/** What the Node side hands the page: plain JSON. */
export interface PageInput {
  /** The page's path in the build (`pages/balance/index`). */
  page: string
  /** The page's static JSON config. */
  config: Record<string, unknown>
  /**
   * Every custom component the page's `usingComponents` reach, by path: Taro's `comp`
   * (which Alipay builds lack), a host's own components, Cardlet's embedded widgets.
   */
  components: Record<string, ComponentInput>
  data: Record<string, unknown>
  /**
   * The data of each component instance but Taro's `comp`, in tree order
   * (PageCapture.components): what each one's template renders.
   */
  instances: ComponentData[]
  canvases: CanvasCapture[]
  /** Ids whose elements a screenshot masks (they get `data-cardlet-mask`). */
  mask: string[]
}

declare global {
  interface Window {
    /** The template compiler's group list (wxml.ts), evaluated in the page before this runs. */
    cardletTemplates: Record<string, glassEasel.template.ProcGenGroup>
    cardletRenderWeapp(input: PageInput): Promise<RenderedNode[]>
  }
}

/** A custom component as the page registers it. */
export interface ComponentInput {
  /** Its static JSON config (`component`, `usingComponents`, `styleIsolation`). */
  config: Record<string, unknown>
  /** The style scope its class names are written in, as its stylesheet was compiled (wxss.ts). */
  styleScope: string
  /**
   * Taro's recursive `comp` (createRecursiveComponentConfig in @tarojs/runtime): the node
   * to render and its nesting come as properties, on a virtual host.
   */
  recursive: boolean
}

/** The attributes WeChat's default styles select built-ins by; WeChat reflects these. */
const BOOLEAN_ATTRIBUTES = ['disabled', 'plain', 'loading', 'hidden']
const STRING_ATTRIBUTES = ['type', 'size']

window.cardletRenderWeapp = async (input) => {
  const env = new MiniProgramEnv()
  const space = env.createCodeSpace('', true)
  const templates = window.cardletTemplates
  for (const path of Object.keys(templates)) {
    space.addCompiledTemplate(path, {
      groupList: templates,
      content: templates[path]!,
      // Taro binds `bindtap="eh"` on views: legacy event syntax on a native node.
      fallbackListenerOnNativeNode: true,
    })
  }
  for (const [path, { config, styleScope }] of Object.entries(input.components)) {
    space.addComponentStaticConfig(path, config)
    // Names the scope only: the stylesheet is in the document already (wxss.ts).
    space.addStyleSheet(path, undefined, styleScope)
  }
  for (const [path, { recursive }] of Object.entries(input.components)) {
    const definition = recursive
      ? { properties: { i: Object, l: String }, options: { virtualHost: true } }
      : {}
    space.component(path).definition(definition).register()
  }
  space.addComponentStaticConfig(input.page, input.config)
  space.component(input.page).pageDefinition({ data: input.data }).register()

  // WeChat's `page` is the document's body (wcsc compiles `page {}` to `body {}`).
  const root = env.associateBackend().createRoot('body', space, input.page)
  const shadow = root.getComponent().getShadowRoot()
  const instances = [...input.instances]
  if (shadow) giveData(shadow, input.components, instances)
  if (instances.length > 0) {
    throw new Error(`glass-easel rendered no ${instances[0]!.file} where the harness has one`)
  }
  root.attach(asBackend(document.documentElement), asBackend(document.body))

  const found: Array<{ node: glassEasel.NativeNode; element: HTMLElement; depth: number }> = []
  const visit = (parent: glassEasel.Element | glassEasel.ShadowRoot, depth: number) => {
    for (const child of parent.childNodes) {
      if (glassEasel.TextNode.isTextNode(child)) continue
      if (glassEasel.Component.isComponent(child)) {
        const shadow = child.getShadowRoot()
        if (shadow) visit(shadow, depth)
      } else if (glassEasel.NativeNode.isNativeNode(child)) {
        found.push({ node: child, element: asDom(child.getBackendElement()), depth })
        visit(child, depth + 1)
      } else {
        visit(child, depth)
      }
    }
  }
  if (shadow) visit(shadow, 0)

  const mask = new Set(input.mask)
  const canvases = new Map(input.canvases.map((canvas) => [canvas.id, canvas]))
  for (const { node, element } of found) {
    reflectAttributes(node, element)
    if (node.is === 'wx-input') drawInput(node, element)
    const canvas = canvases.get(node.id)
    if (node.is === 'wx-canvas' && canvas) drawCanvas(canvas, element)
    if (mask.has(node.id)) element.setAttribute('data-cardlet-mask', '')
  }
  // Measured once every change is made and the fonts are in: one layout, not one per element.
  await document.fonts.ready
  return found.map(({ node, element, depth }) => describe(node, element, depth))
}

/**
 * Gives each component instance under `parent` its captured data, in tree order: each
 * before its shadow tree, which that data renders (and which may hold more components),
 * then its light children. The harness listed them in the same order (WeappRun.components);
 * a component out of step with the list means the trees differ, which fails the render.
 * `instances` is consumed.
 */
function giveData(
  parent: glassEasel.Element | glassEasel.ShadowRoot,
  components: Record<string, ComponentInput>,
  instances: ComponentData[],
): void {
  for (const child of parent.childNodes) {
    if (glassEasel.TextNode.isTextNode(child)) continue
    if (glassEasel.Component.isComponent(child) && !components[child.is]?.recursive) {
      const next = instances.shift()
      if (next?.file !== child.is) {
        throw new Error(
          `the harness has ${next?.file ?? 'no component'} where glass-easel has ${child.is}`,
        )
      }
      child.setData(next.data)
    }
    if (glassEasel.Component.isComponent(child)) {
      const shadow = child.getShadowRoot()
      if (shadow) giveData(shadow, components, instances)
    }
    giveData(child, components, instances)
  }
}

// glass-easel types its backend's elements by the protocol it needs; in its DOM backend
// (the current window's) they are the document's own elements.
function asBackend(element: HTMLElement): glassEasel.GeneralBackendElement {
  return element as unknown as glassEasel.GeneralBackendElement
}

function asDom(element: glassEasel.GeneralBackendElement | null): HTMLElement {
  if (!element) throw new Error('glass-easel rendered a node without a DOM element')
  return element as unknown as HTMLElement
}

/**
 * glass-easel writes every bound attribute of a native node to the DOM, `undefined` as
 * an empty (present) attribute. WeChat's built-ins are components whose properties are
 * typed: a Boolean property is present only when true, and an unset one takes its
 * default. So the attributes its stylesheet selects on are reflected as WeChat would,
 * and the rest (`lang` on a button would change chromium's font choice) are dropped.
 */
function reflectAttributes(node: glassEasel.NativeNode, element: HTMLElement): void {
  for (const name of element.getAttributeNames()) {
    if (name === 'class' || name === 'style') continue
    const value = node.getAttribute(name)
    if (BOOLEAN_ATTRIBUTES.includes(name)) {
      if (!value) element.removeAttribute(name)
    } else if (!STRING_ATTRIBUTES.includes(name) || typeof value !== 'string' || value === '') {
      element.removeAttribute(name)
    }
  }
  for (const name of BOOLEAN_ATTRIBUTES) {
    if (node.getAttribute(name)) element.setAttribute(name, '')
  }
}

/**
 * An `<input>` is a native control on a phone, drawn over the page in the component's
 * box with its computed font; here its value (or its placeholder, styled by
 * `placeholder-class` / `placeholder-style`) is text inside that box.
 */
function drawInput(node: glassEasel.NativeNode, element: HTMLElement): void {
  const value = node.getAttribute('value')
  const text = document.createElement('div')
  if (value !== undefined && value !== null && String(value) !== '') {
    text.textContent = String(value)
  } else {
    text.className = classNames(String(node.getAttribute('placeholder-class') ?? '')).join(' ')
    const placeholderStyle = node.getAttribute('placeholder-style')
    if (typeof placeholderStyle === 'string') text.setAttribute('style', placeholderStyle)
    text.textContent = String(node.getAttribute('placeholder') ?? '')
  }
  element.replaceChildren(text)
}

/**
 * The text an element shows of its own: its text nodes, through the virtual nodes of
 * templates and the shadow trees of components (where Taro renders a text node), but
 * not those of a native child.
 */
function ownText(parent: glassEasel.Element | glassEasel.ShadowRoot): string {
  let text = ''
  for (const child of parent.childNodes) {
    if (glassEasel.TextNode.isTextNode(child)) {
      text += child.textContent
    } else if (glassEasel.Component.isComponent(child)) {
      const shadow = child.getShadowRoot()
      if (shadow) text += ownText(shadow)
    } else if (!glassEasel.NativeNode.isNativeNode(child)) {
      text += ownText(child)
    }
  }
  return text
}

/** Replays the app's draws (fills; a clear is a fill with `transparent`) at the backing size. */
function drawCanvas(canvas: CanvasCapture, element: HTMLElement): void {
  const target = document.createElement('canvas')
  target.width = canvas.width
  target.height = canvas.height
  const context = target.getContext('2d')
  if (!context) throw new Error('chromium gave no 2d context')
  for (const call of canvas.calls) {
    if (call.fillStyle === 'transparent') {
      context.clearRect(call.x, call.y, call.width, call.height)
    } else {
      context.fillStyle = call.fillStyle
      context.fillRect(call.x, call.y, call.width, call.height)
    }
  }
  element.replaceChildren(target)
}

function describe(node: glassEasel.NativeNode, element: HTMLElement, depth: number): RenderedNode {
  const box = element.getBoundingClientRect()
  const style = getComputedStyle(element)
  return {
    tag: node.is.replace(/^wx-/, ''),
    id: node.id,
    classes: classNames(node.class),
    text: collapseText(ownText(node)),
    depth,
    box: {
      x: box.x + window.scrollX,
      y: box.y + window.scrollY,
      width: box.width,
      height: box.height,
    },
    style: {
      fontFamily: style.fontFamily,
      fontSize: style.fontSize,
      fontWeight: style.fontWeight,
      lineHeight: style.lineHeight,
      letterSpacing: style.letterSpacing,
      color: style.color,
      backgroundColor: style.backgroundColor,
    },
  }
}
