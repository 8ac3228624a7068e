// The web builds' controls are native `<button>`s (config/web/button.js): their font and
// a focus ring the keyboard user can see.
import './web-controls.scss'
