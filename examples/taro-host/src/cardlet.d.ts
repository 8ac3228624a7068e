// Cardlet's widget components as JSX tags (their page config names them).
declare namespace JSX {
  interface IntrinsicElements {
    'cardlet-balance': { id?: string; props?: Record<string, unknown> }
  }
}
