/**
 * The privacy eye's one convention on every widget: the full eye (◉) while the figures
 * are shown, the empty one (◎) while they are masked. Its button's label says what a
 * tap does ("Hide amounts", "Show digits").
 */
export function eyeGlyph(shown: boolean): string {
  return shown ? '◉' : '◎'
}
