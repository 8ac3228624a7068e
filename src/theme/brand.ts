/** The brand this build was made with (brand.json or CARDLET_BRAND; config/brand.ts). */
export const brand = CARDLET_BRAND

/** The card-art colour of a card product, by the product name the issuer sends. */
export function cardArtColour(productName: string): string {
  return brand.cardArt.products[productName] ?? brand.cardArt.default
}
