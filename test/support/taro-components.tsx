/**
 * `@tarojs/components` for jsdom tests: light DOM stand-ins keeping id, className,
 * data-* and aria-* props and mapping onClick, as the H5 build renders them.
 */
import { createElement, type ReactNode } from 'react'

type Props = Record<string, unknown> & { children?: ReactNode }

function element(tag: string) {
  return function TaroElement({ children, ...props }: Props) {
    return createElement(tag, props, children)
  }
}

export const View = element('div')
export const Text = element('span')
export const Button = element('button')
export const Canvas = element('canvas')
export const Image = element('img')
export const Input = element('input')
export const ScrollView = element('div')
