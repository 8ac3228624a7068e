/**
 * Alipay's AXML and JD's JXML rewritten as WXML, so that glass-easel (WeChat's engine)
 * can render the Alipay and JD builds' own templates. A render of them is a check of
 * those templates and the data Taro gives them: it is still WeChat's engine laying out
 * WeChat's tag names, not Alipay's or JD's renderer, which are not available off-device.
 *
 * The rewrite is mechanical and covers what Taro 4's Alipay and JD builds emit; anything
 * else in a template script fails the render rather than being guessed at.
 */

/** The builds the renderer reads. */
export type RenderTarget = 'weapp' | 'alipay' | 'jd'

/** How each build names its template, template-script and style files. */
export const FILE_TYPES: Record<RenderTarget, { template: string; script: string; style: string }> =
  {
    weapp: { template: '.wxml', script: '.wxs', style: '.wxss' },
    alipay: { template: '.axml', script: '.sjs', style: '.acss' },
    jd: { template: '.jxml', script: '.jds', style: '.jxss' },
  }

/** The directive prefix (`a:for`, `jd:for`) each build's templates use for WeChat's `wx:`. */
const DIRECTIVE_PREFIX: Record<RenderTarget, string> = { weapp: 'wx', alipay: 'a', jd: 'jd' }

/**
 * One template file as WXML:
 * - `a:if` / `a:elif` / `a:else` / `a:for` / `a:for-item` / `a:for-index` / `a:key` (and
 *   JD's `jd:`) become `wx:`;
 * - Alipay's event attributes (`onTap`, `catchTouchMove`, `onagreeprivacyauthorization`)
 *   become `bind:tap`, `catch:touchmove` …: WeChat's names are the lower-cased event name;
 * - `<import-sjs name="xs" from="./utils.sjs"/>` (Alipay) and `<jds module src>` (JD)
 *   become `<wxs module src>`;
 * - paths to the build's own templates and scripts take WeChat's extensions.
 * Taro's generated templates hold no `<` or `="` inside an expression, which the
 * attribute-level rewrites rely on.
 */
export function translateTemplate(source: string, target: RenderTarget): string {
  if (target === 'weapp') return source
  const { template, script } = FILE_TYPES[target]
  let out = source
    .replace(new RegExp(`(\\s)${DIRECTIVE_PREFIX[target]}:(?=[a-z])`, 'g'), '$1wx:')
    .replace(/<import-sjs\s([^>]*?)\/?>/g, (_whole, attributes: string) => {
      const name = /\bname="([^"]*)"/.exec(attributes)?.[1]
      const from = /\bfrom="([^"]*)"/.exec(attributes)?.[1]
      if (!name || !from) throw new Error(`an import-sjs without name or from: ${attributes}`)
      return `<wxs module="${name}" src="${from}" />`
    })
    .replace(/<jds(?=\s)/g, '<wxs')
    .replace(
      new RegExp(`(\\ssrc="[^"]*)(${escape(template)}|${escape(script)})"`, 'g'),
      (_whole, start: string, ext: string) => `${start}${ext === template ? '.wxml' : '.wxs'}"`,
    )
  if (target === 'alipay') {
    // An attribute named on<Event> or catch<Event> whose value is a handler's name.
    out = out.replace(
      /(\s)(on|catch)([A-Za-z]+)="(?!\{\{)/g,
      (_whole, space: string, kind: string, event: string) =>
        `${space}${kind === 'on' ? 'bind' : 'catch'}:${event.toLowerCase()}="`,
    )
  }
  return out
}

/**
 * One template-script module as WXS. JD's `.jds` is WXS already (`module.exports`);
 * Alipay's `.sjs` is an ES module whose one export is its default, which becomes
 * `module.exports`. Any other `import` or `export` is not translated: it throws.
 */
export function translateScript(source: string, target: RenderTarget, file: string): string {
  if (target !== 'alipay') return source
  const out = source.replace(/^export default\s/m, 'module.exports = ')
  if (/^\s*(import|export)\b/m.test(out)) {
    throw new Error(`${file}: an SJS import or named export, which the translation does not cover`)
  }
  return out
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
