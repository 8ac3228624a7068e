// As on H5: a chunk of its own, which a HarmonyOS container ships in its app package
// beside the page's, so it loads without a network too.
export type { OfflineCodes } from '.'
export { loadOfflineCodes } from './index.h5'
