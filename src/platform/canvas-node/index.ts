import Taro from '@tarojs/taro'

import type { ModuleContext } from '@/lib/codes'

/**
 * The canvas a code is drawn into: a mini-program Canvas node (`<Canvas type='2d'>`) or,
 * on the web builds, a native HTMLCanvasElement. Both are sized and drawn the same way.
 */
export interface CanvasNode {
  width: number
  height: number
  getContext(type: '2d'): ModuleContext | null
}

const ATTEMPTS = 20
const RETRY_MS = 16

/**
 * Finds the 2D canvas node of the `<Canvas type='2d' id={id}>` on the current page, or
 * inside `scope` (mini-programs; the web builds have canvas-node/index.h5.ts). A node exists only after the
 * page's setData lands, so it asks again, a bounded number of times, before giving up.
 */
export async function findCanvasNode(
  id: string,
  _rendered?: { readonly current: unknown },
  scope?: unknown,
): Promise<CanvasNode | null> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const node = await queryNode(id, scope)
    if (node) return node
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS))
  }
  return null
}

/**
 * `scope`: the native component the canvas renders in (an embedded widget), whose tree
 * a page-level query cannot see into.
 */
function queryNode(id: string, scope: unknown): Promise<CanvasNode | null> {
  return new Promise((resolve) => {
    try {
      const query = Taro.createSelectorQuery()
      if (scope) query.in(scope as Parameters<typeof query.in>[0])
      // `.node()` rather than `.fields({node, size})`: Alipay's NodesRef has `node()`,
      // and Taro H5 drops `size` whenever `node` is asked for; sizes come from props.
      query
        .select(`#${id}`)
        .node()
        .exec((results: unknown) => {
          const first = Array.isArray(results) ? (results[0] as { node?: unknown } | null) : null
          resolve(isCanvasNode(first?.node) ? first.node : null)
        })
    } catch {
      resolve(null)
    }
  })
}

function isCanvasNode(value: unknown): value is CanvasNode {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { getContext?: unknown }).getContext === 'function'
  )
}
