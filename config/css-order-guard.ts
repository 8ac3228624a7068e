/** The part of a webpack compiler the guard taps (webpack's own types are Taro's). */
interface GuardedCompiler {
  hooks: {
    afterCompile: {
      tap(name: string, fn: (compilation: { warnings: Error[]; errors: Error[] }) => void): void
    }
  }
}

/**
 * Turns the CSS extractor's "Conflicting order" warning into a build error. Every page
 * and embedded widget imports src/ui/stylesheets first, so the shared stylesheets reach
 * every bundle in one order; a conflict means a shared stylesheet is now met first
 * somewhere else, and one of its rules could win on one page and lose on another.
 */
export class CssOrderGuard {
  apply(compiler: GuardedCompiler): void {
    compiler.hooks.afterCompile.tap('CardletCssOrderGuard', (compilation) => {
      const conflicts = compilation.warnings.filter((w) => /Conflicting order/.test(w.message))
      if (conflicts.length === 0) return
      compilation.warnings = compilation.warnings.filter((w) => !conflicts.includes(w))
      compilation.errors.push(...conflicts)
    })
  }
}
