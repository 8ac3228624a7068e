/**
 * H5 renders JSX attributes into the DOM as written (`data-status` included) and has an
 * `<i>` element: nothing to adjust. The mini-program builds use `template-state/index.ts`.
 */
export function installTemplateState(): void {}
