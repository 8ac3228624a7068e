import type { ResolvedNode, TreeRun } from '../tree-run'
import type { ExparserNode, WeappRun } from '../weapp'

/**
 * One built-in element of a rendered page (`view`, `text`, `button`, …), in tree order,
 * as a QA script would compare two renders of it: what the user can tell apart.
 */
export interface TreeNode {
  /** WXML's tag, without WeChat's `wx-` prefix. */
  tag: string
  /** The id the template bound ('' when none). */
  id: string
  /** The class names the template bound, in order, without any style-scope prefix. */
  classes: string[]
  /** The element's own text (its direct text children), whitespace collapsed. */
  text: string
  /** How deep it sits among the built-in elements (a page's outermost view is 0). */
  depth: number
}

/** A node as chromium laid it out: its box and the computed styles a reviewer checks. */
export interface RenderedNode extends TreeNode {
  /** CSS px from the page's top-left corner. */
  box: { x: number; y: number; width: number; height: number }
  style: {
    fontFamily: string
    fontSize: string
    fontWeight: string
    lineHeight: string
    letterSpacing: string
    color: string
    backgroundColor: string
  }
}

/** What a rendered tree shares with the harness's own: no boxes, no computed styles. */
export function structureOf(tree: readonly RenderedNode[]): TreeNode[] {
  return tree.map(({ tag, id, classes, text, depth }) => ({ tag, id, classes, text, depth }))
}

/** Collapses runs of whitespace as a browser renders them in normal flow. */
export function collapseText(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** Splits a bound class attribute into its names. */
export function classNames(value: string | null | undefined): string[] {
  return (value ?? '').split(/\s+/).filter(Boolean)
}

/**
 * The harness's own tree of the current page (wcc's templates in WeChat's exparser):
 * built-in elements through the shadow trees of custom components (Taro's `comp`),
 * skipping the virtual nodes of `<block>`, `<template>` and `wx:for`.
 */
export function harnessTree(run: WeappRun): TreeNode[] {
  const nodes: TreeNode[] = []
  const visit = (parent: ExparserNode, depth: number) => {
    for (const node of parent.childNodes ?? []) {
      if (isTextNode(node)) continue
      if (isBuiltIn(node)) {
        nodes.push({
          tag: tagOf(node),
          id: node.id ?? '',
          classes: classNames(node.$$?.getAttribute('class')),
          text: collapseText(ownText(node)),
          depth,
        })
        visit(node, depth + 1)
      } else {
        visit(node.__virtual || !node.shadowRoot ? node : node.shadowRoot, depth)
      }
    }
  }
  const root = run.currentPage.root._exparserNode.shadowRoot
  if (root) visit(root, 0)
  return nodes
}

/**
 * The Alipay or JD harness's tree of the current page (Taro's data tree resolved against
 * the build's base template, tools/miniprogram/tree-run.ts), read as harnessTree reads
 * WeChat's: built-in elements, with the text of the text nodes and templates beneath
 * them up to the next built-in element.
 */
export function resolvedHarnessTree(run: TreeRun): TreeNode[] {
  const nodes: TreeNode[] = []
  const builtIn = (node: ResolvedNode) => node.tag !== null && BUILT_IN.test(node.tag)
  const ownText = (node: ResolvedNode): string =>
    node.children
      .filter((child) => !builtIn(child))
      .map((child) => (child.text ?? '') + ownText(child))
      .join('')
  const visit = (children: ResolvedNode[], depth: number) => {
    for (const node of children) {
      if (builtIn(node)) {
        nodes.push({
          tag: node.tag!,
          id: node.attributes.id ?? '',
          classes: classNames(node.attributes.class),
          text: collapseText(ownText(node)),
          depth,
        })
        visit(node.children, depth + 1)
      } else {
        visit(node.children, depth)
      }
    }
  }
  visit(run.resolvedTree(), 0)
  return nodes
}

/**
 * The text a built-in element shows of its own: its text nodes, through the virtual
 * nodes of templates and the shadow trees of custom components (where Taro renders a
 * text node), but not those of a built-in child. j-component gives built-ins a shadow
 * tree of one slot, which renders nothing of its own: their light children count.
 */
function ownText(element: ExparserNode): string {
  let text = ''
  for (const node of element.childNodes ?? []) {
    if (isTextNode(node)) text += node.textContent ?? ''
    else if (!isBuiltIn(node))
      text += ownText(node.__virtual || !node.shadowRoot ? node : node.shadowRoot)
  }
  return text
}

// exparser's text nodes are the only nodes without a child list.
function isTextNode(node: ExparserNode): boolean {
  return node.childNodes === undefined
}

function tagOf(node: ExparserNode): string {
  return String(node._vt?.tagName ?? node.is ?? '').replace(/^wx-/, '')
}

function isBuiltIn(node: ExparserNode): boolean {
  return !node.__virtual && BUILT_IN.test(tagOf(node))
}

/** WeChat's built-in component names (a custom component's tag is a path or an id). */
const BUILT_IN =
  /^(view|text|button|input|textarea|canvas|image|scroll-view|swiper|swiper-item|icon|label|navigator|rich-text|progress|switch|slider|picker|picker-view|picker-view-column|form|checkbox|checkbox-group|radio|radio-group|cover-view|cover-image|movable-area|movable-view|web-view|video|map|live-player|camera)$/
