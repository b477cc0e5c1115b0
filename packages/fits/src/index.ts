export { FitsError, type FitsErrorLocation, type FitsErrorReason } from './fits.error.js';
export { Header, type Card, type CardValue, type Complex } from './header.js';
export type { BinTableHdu, Column, ColumnData, Hdu, ImageHdu, OtherHdu } from './hdu.js';
export type { NumericArray } from './typed.decoder.js';
export type { ReadOptions } from './layout.js';
export { readFits, findHdu } from './fits.reader.js';
export { readFitsFile } from './fits-file.reader.js';
export { writeFits, type WriteColumn, type WriteHdu } from './fits.writer.js';
export type { WriteCard } from './card.writer.js';
export {
  parseNectarcamResults,
  splitGain,
  type ArrayQuantity,
  type Gain,
  type NectarcamResults,
  type Quantity,
  type RecordQuantity,
} from './nectarcam/results.parser.js';
export {
  fromValues,
  toValues,
  type ArrayValues,
  type Dtype,
  type StringValues,
  type Values,
} from './nectarcam/quantity-values.js';
export {
  NECTARCAM_GEOMETRY_FILE,
  readCameraGeometry,
  type CameraGeometry,
} from './nectarcam/camera-geometry.reader.js';
export {
  writeNectarcamResults,
  NECTARCAM_MODULES,
  NECTARCAM_PIXELS,
  NECTARCAM_SAMPLES,
  type NectarcamResultsOptions,
} from './nectarcam/results.writer.js';
