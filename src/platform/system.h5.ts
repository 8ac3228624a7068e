/** H5: the browser's language and pixel ratio (see system.ts for why not Taro's). */

export function systemLanguage(): string | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.language || undefined
}

export function pixelRatio(): number {
  const ratio = typeof window === 'undefined' ? 1 : window.devicePixelRatio
  return Number.isFinite(ratio) && ratio > 0 ? ratio : 1
}
