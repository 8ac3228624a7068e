export { PinPad, type PinPadProps } from './pin-pad'
