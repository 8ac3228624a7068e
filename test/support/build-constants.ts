// The constants the build defines (config/index.ts `defineConstants`), for code run by
// jest instead of the build: the same brand file, read by the same loader.
import { brandConstant, loadBrand } from '../../config/brand'

Object.assign(globalThis, { CARDLET_BRAND: brandConstant(loadBrand()) })
