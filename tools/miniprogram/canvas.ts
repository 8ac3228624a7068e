/** One `fillRect` as the app drew it, with the fill in effect. */
export interface DrawCall {
  fillStyle: string
  x: number
  y: number
  width: number
  height: number
}

/**
 * The stand-in for a `<canvas type="2d">` node: the harness has no renderer, so the
 * node records what the app draws (the code widgets only set `fillStyle` and call
 * `fillRect`) and can rasterise it for a QR decoder. Anything else the app calls on the
 * context is recorded as unsupported, so a new drawing call cannot go unnoticed.
 */
export class CanvasStandIn {
  width = 300
  height = 150
  readonly calls: DrawCall[] = []
  readonly unsupported: string[] = []

  constructor(readonly id: string) {}

  getContext(type: string) {
    if (type !== '2d') return null
    const { calls, unsupported } = this
    const context: Record<string, unknown> = {
      fillStyle: '#000000',
      fillRect(x: number, y: number, width: number, height: number) {
        calls.push({ fillStyle: String(context.fillStyle), x, y, width, height })
      },
      clearRect(x: number, y: number, width: number, height: number) {
        calls.push({ fillStyle: 'transparent', x, y, width, height })
      },
    }
    return new Proxy(context, {
      get(target, key) {
        if (typeof key === 'string' && !(key in target)) {
          unsupported.push(key)
          return () => undefined
        }
        return target[key as string]
      },
    })
  }

  /** Setting the backing size clears a canvas, as on every platform. */
  resize(width: number, height: number): void {
    this.width = width
    this.height = height
    this.calls.length = 0
  }

  /** RGBA pixels of what was drawn (unpainted pixels are white, as on a light page). */
  rasterize(): { data: Uint8ClampedArray; width: number; height: number } {
    const { width, height } = this
    const data = new Uint8ClampedArray(width * height * 4).fill(255)
    for (const call of this.calls) {
      const [r, g, b] = parseColor(call.fillStyle)
      const x0 = Math.max(0, Math.floor(call.x))
      const y0 = Math.max(0, Math.floor(call.y))
      const x1 = Math.min(width, Math.ceil(call.x + call.width))
      const y1 = Math.min(height, Math.ceil(call.y + call.height))
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          const i = (y * width + x) * 4
          data[i] = r
          data[i + 1] = g
          data[i + 2] = b
          data[i + 3] = 255
        }
      }
    }
    return { data, width, height }
  }
}

/** Canvas nodes are plain objects with a width/height that clear when set. */
export function canvasNode(standIn: CanvasStandIn) {
  return {
    get width() {
      return standIn.width
    },
    set width(value: number) {
      standIn.resize(value, standIn.height)
    },
    get height() {
      return standIn.height
    },
    set height(value: number) {
      standIn.resize(standIn.width, value)
    },
    getContext: (type: string) => standIn.getContext(type),
  }
}

function parseColor(style: string): [number, number, number] {
  if (style === 'transparent') return [255, 255, 255]
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(style.trim())
  if (hex?.[1]) {
    const h = hex[1].length === 3 ? [...hex[1]].map((c) => c + c).join('') : hex[1]
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number]
  }
  const rgb = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/i.exec(style.trim())
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])]
  if (style === 'white') return [255, 255, 255]
  if (style === 'black') return [0, 0, 0]
  throw new Error(`canvas stand-in: unsupported fillStyle ${style}`)
}
