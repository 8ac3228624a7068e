import fs from 'node:fs'
import path from 'node:path'

import * as v from 'valibot'

/**
 * The brand an integrator sets in one file (docs/integrating.md "Brand"): `brand.json` at the
 * repository root, or the JSON file `CARDLET_BRAND` names. Every target's build reads it
 * here: the display name reaches the app title and the navigation bars, the colours the
 * theme tokens (src/theme/tokens.scss), the card-art colours the card header.
 */
const Colour = v.pipe(v.string(), v.regex(/^#[0-9a-f]{6}$/i, 'a colour is #rrggbb'))
const Palette = v.strictObject({ primary: Colour, accent: Colour })

export const BrandSchema = v.strictObject({
  displayName: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(24)),
  colors: v.strictObject({ light: Palette, dark: Palette }),
  cardArt: v.strictObject({
    default: Colour,
    /** By the card's product name as the issuer sends it (`product_name`). */
    products: v.record(v.string(), Colour),
  }),
})
export type Brand = v.InferOutput<typeof BrandSchema>

const root = path.resolve(__dirname, '..')

/** The brand file this build uses. */
export function brandFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(root, env.CARDLET_BRAND || 'brand.json')
}

/** Reads and checks the brand file; a bad one stops the build with the field at fault. */
export function loadBrand(file: string = brandFile()): Brand {
  const result = v.safeParse(BrandSchema, JSON.parse(fs.readFileSync(file, 'utf8')))
  if (result.success) return result.output
  const issues = result.issues.map(
    (issue) => `${v.getDotPath(issue) ?? '(file)'}: ${issue.message}`,
  )
  throw new Error(`Brand file ${file} is not valid:\n  ${issues.join('\n  ')}`)
}

/** What the app's code reads of the brand (`CARDLET_BRAND`, src/theme/brand.ts). */
export function brandConstant(brand: Brand): typeof CARDLET_BRAND {
  return { displayName: brand.displayName, cardArt: brand.cardArt }
}

/** Sass variables handed to src/theme/tokens.scss (through `@use ... with`, src/app.scss). */
export function brandSassData(brand: Brand): string {
  const { light, dark } = brand.colors
  return [
    `$cardlet-primary-light: ${light.primary};`,
    `$cardlet-accent-light: ${light.accent};`,
    `$cardlet-primary-dark: ${dark.primary};`,
    `$cardlet-accent-dark: ${dark.accent};`,
  ].join('\n')
}
