'use strict';
// Minimal reader/writer for NumPy .npy files (format versions 1-3), limited to
// C-ordered little-endian arrays of the numeric types the TFLite runtime
// accepts.

const fs = require('fs');

const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]);  // \x93NUMPY

// dtype name -> npy type code (without byte-order char) and typed array.
const DTYPES = {
  float32: {code: 'f4', Array: Float32Array},
  float64: {code: 'f8', Array: Float64Array},
  int8: {code: 'i1', Array: Int8Array},
  uint8: {code: 'u1', Array: Uint8Array},
  int16: {code: 'i2', Array: Int16Array},
  int32: {code: 'i4', Array: Int32Array},
  uint32: {code: 'u4', Array: Uint32Array},
  bool: {code: 'b1', Array: Uint8Array},
};

function dtypeFromDescr(descr, file) {
  const m = /^([<>|=]?)([a-z]\d+)$/.exec(descr);
  if (!m) throw new Error(`${file}: unsupported npy dtype '${descr}'`);
  const [, order, code] = m;
  const size = Number(code.slice(1));
  if (order === '>' && size > 1) {
    throw new Error(`${file}: big-endian dtype '${descr}' is not supported`);
  }
  for (const [name, d] of Object.entries(DTYPES)) {
    if (d.code === code) return name;
  }
  throw new Error(
      `${file}: unsupported npy dtype '${descr}' (supported: ` +
      `${Object.keys(DTYPES).join(', ')})`);
}

function parseHeader(text, file) {
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(text);
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text);
  const shape = /'shape'\s*:\s*\(([^)]*)\)/.exec(text);
  if (!descr || !fortran || !shape) {
    throw new Error(`${file}: malformed npy header: ${text.trim()}`);
  }
  if (fortran[1] === 'True') {
    throw new Error(`${file}: Fortran-ordered arrays are not supported`);
  }
  const dims = shape[1].split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const d of dims) {
    if (!/^\d+$/.test(d)) throw new Error(`${file}: bad shape entry '${d}'`);
  }
  return {dtype: dtypeFromDescr(descr[1], file), shape: dims.map(Number)};
}

// Returns {dtype, shape, data} where data is a freshly allocated typed array.
function readNpy(file) {
  let buf;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    throw new Error(`${file}: cannot read: ${e.code || e.message}`);
  }
  if (buf.length < 10 || !buf.subarray(0, 6).equals(MAGIC)) {
    throw new Error(`${file}: not a .npy file (bad magic)`);
  }
  const major = buf[6];
  let headerLen;
  let headerStart;
  if (major === 1) {
    headerLen = buf.readUInt16LE(8);
    headerStart = 10;
  } else if (major === 2 || major === 3) {
    if (buf.length < 12) throw new Error(`${file}: truncated npy header`);
    headerLen = buf.readUInt32LE(8);
    headerStart = 12;
  } else {
    throw new Error(`${file}: unsupported npy format version ${major}`);
  }
  const dataStart = headerStart + headerLen;
  if (dataStart > buf.length) throw new Error(`${file}: truncated npy header`);
  const header = buf.toString(major === 3 ? 'utf8' : 'latin1', headerStart,
      dataStart);
  const {dtype, shape} = parseHeader(header, file);
  const count = shape.reduce((a, b) => a * b, 1);
  const T = DTYPES[dtype].Array;
  const nbytes = count * T.BYTES_PER_ELEMENT;
  if (buf.length - dataStart < nbytes) {
    throw new Error(
        `${file}: has ${buf.length - dataStart} data bytes, shape ` +
        `[${shape}] of ${dtype} needs ${nbytes}`);
  }
  // Copy into a fresh, aligned buffer.
  const data = new T(count);
  new Uint8Array(data.buffer).set(buf.subarray(dataStart, dataStart + nbytes));
  return {dtype, shape, data};
}

// Serializes a typed array as a version 1.0 .npy file.
function encodeNpy(dtype, shape, data) {
  const d = DTYPES[dtype];
  if (!d) throw new Error(`cannot write npy of dtype '${dtype}'`);
  const count = shape.reduce((a, b) => a * b, 1);
  if (data.length !== count) {
    throw new Error(
        `npy write: ${data.length} elements do not fill shape [${shape}]`);
  }
  const order = d.Array.BYTES_PER_ELEMENT === 1 ? '|' : '<';
  const shapeText = shape.length === 1 ? `(${shape[0]},)` :
                                         `(${shape.join(', ')})`;
  let header = `{'descr': '${order}${d.code}', 'fortran_order': False, ` +
      `'shape': ${shapeText}, }`;
  // Pad with spaces so that the data starts on a 64-byte boundary; the header
  // ends in a newline.
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const prefix = Buffer.alloc(10);
  MAGIC.copy(prefix, 0);
  prefix[6] = 1;
  prefix[7] = 0;
  prefix.writeUInt16LE(header.length, 8);
  const typed = data instanceof d.Array ? data : d.Array.from(data);
  const body = Buffer.from(typed.buffer, typed.byteOffset, typed.byteLength);
  return Buffer.concat([prefix, Buffer.from(header, 'latin1'), body]);
}

function writeNpy(file, dtype, shape, data) {
  fs.writeFileSync(file, encodeNpy(dtype, shape, data));
}

module.exports = {DTYPES, readNpy, writeNpy, encodeNpy};
