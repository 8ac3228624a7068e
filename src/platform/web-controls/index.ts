// Mini-programs: the platform's own `<button>` and focus handling; nothing to add.
// The web builds load web-controls.scss instead (web-controls/index.h5.ts).
export {}
