// A web build: as H5.
import './index.h5'
