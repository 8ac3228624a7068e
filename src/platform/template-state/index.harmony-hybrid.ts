// The HarmonyOS hybrid build is a web build: attributes reach the DOM as on H5.
export { installTemplateState } from './index.h5'
