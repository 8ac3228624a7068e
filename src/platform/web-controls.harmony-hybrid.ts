// A web build: as H5.
import './web-controls.h5'
