import fs from 'node:fs'
import path from 'node:path'

import { TmplGroup } from 'glass-easel-template-compiler'

import { FILE_TYPES, type RenderTarget, translateScript, translateTemplate } from './translate'

/** A problem glass-easel's compiler reported in a template (`level`: Fatal, Error, Warn …). */
interface TemplateDiagnostic {
  level: string
  message: string
  path: string
  startLine: number
  startColumn: number
}

/** Tags the template language itself owns; they render nothing of their own. */
const TEMPLATE_TAGS = new Set(['block', 'template', 'import', 'include', 'wxs', 'slot'])

/**
 * Renames built-in tags as WeChat's renderer names them in the DOM (`<view>` becomes
 * `<wx-view>`), so the WXSS that `wcsc` compiled (`wx-input`, `wx-button` …) and the base
 * library's default styles select them. Custom components keep their names.
 * The template sources are Taro's generated WXML: no `<` inside an expression.
 */
export function withWechatTags(source: string, customTags: ReadonlySet<string>): string {
  return source.replace(/<(\/?)([a-zA-Z][\w-]*)(?=[\s/>])/g, (whole, slash: string, tag: string) =>
    TEMPLATE_TAGS.has(tag) || customTags.has(tag) ? whole : `<${slash}wx-${tag}`,
  )
}

/** Every file under `dir` ending in `ext`, as paths relative to it with `/` separators. */
export function filesUnder(dir: string, ext: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: false, encoding: 'utf8' })
    .filter((file) => file.endsWith(ext))
    .map((file) => file.split(path.sep).join('/'))
    .sort()
}

/** The tags every page and component of the build declares as custom components. */
export function customComponentTags(distDir: string): Set<string> {
  const tags = new Set<string>()
  for (const file of filesUnder(distDir, '.json')) {
    const json = JSON.parse(fs.readFileSync(path.join(distDir, file), 'utf8')) as {
      usingComponents?: Record<string, string>
    }
    for (const tag of Object.keys(json.usingComponents ?? {})) tags.add(tag)
  }
  return tags
}

/**
 * Compiles every WXML template and WXS module of a build with glass-easel's template
 * compiler (an Alipay or JD build's AXML / JXML and SJS / JDS translated first). Returns
 * a JavaScript expression whose value is the compiled group list (template path without
 * its extension → its generator), for `addCompiledTemplate` in the page. Any diagnostic
 * fails the render: a template glass-easel reads differently from wcc would make the
 * screenshot lie.
 */
export function compileTemplates(distDir: string, target: RenderTarget = 'weapp'): string {
  const { template, script } = FILE_TYPES[target]
  const customTags = customComponentTags(distDir)
  const group = new TmplGroup()
  try {
    const diagnostics: TemplateDiagnostic[] = []
    for (const file of filesUnder(distDir, template)) {
      const source = translateTemplate(fs.readFileSync(path.join(distDir, file), 'utf8'), target)
      const found = group.addTmpl(
        file.slice(0, -template.length),
        withWechatTags(source, customTags),
      ) as TemplateDiagnostic[]
      diagnostics.push(...found)
    }
    for (const file of filesUnder(distDir, script)) {
      const source = fs.readFileSync(path.join(distDir, file), 'utf8')
      group.addScript(file.slice(0, -script.length), translateScript(source, target, file))
    }
    if (diagnostics.length > 0) {
      const lines = diagnostics.map(
        (d) =>
          `${d.path}${template}:${d.startLine + 1}:${d.startColumn + 1} ${d.level}: ${d.message}`,
      )
      throw new Error(`glass-easel could not compile the templates:\n${lines.join('\n')}`)
    }
    return group.getTmplGenObjectGroups()
  } finally {
    group.free()
  }
}
