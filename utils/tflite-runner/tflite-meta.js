'use strict';
// Reads what the runtime API does not report (quantization parameters, shape
// signatures) straight from the .tflite flatbuffer. Field ids follow
// lib/Target/TFLite/Schema/tflite.fbs.

// TensorType enum value -> name.
const TENSOR_TYPES = [
  'float32', 'float16', 'int32', 'uint8', 'int64', 'string', 'bool', 'int16',
  'complex64', 'int8', 'float64', 'complex128', 'uint64', 'resource',
  'variant', 'uint32', 'uint16', 'int4', 'bfloat16', 'int2', 'uint4',
  'float8_e4m3fn', 'float8_e5m2',
];

// Field ids (a union occupies two ids: its type tag, then its value).
const MODEL = {version: 0, subgraphs: 2, description: 3};
const SUBGRAPH = {tensors: 0, inputs: 1, outputs: 2, operators: 3, name: 4};
const TENSOR = {
  shape: 0, type: 1, buffer: 2, name: 3, quantization: 4, shapeSignature: 7,
};
const QUANT = {scale: 2, zeroPoint: 3, quantizedDimension: 6};

class FlatReader {
  constructor(bytes, file) {
    this.b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.file = file;
  }
  fail(what) {
    throw new Error(`${this.file}: malformed TFLite flatbuffer (${what})`);
  }
  check(pos, size, what) {
    if (pos < 0 || pos + size > this.b.length) {
      this.fail(`${what} at offset ${pos} lies outside the ` +
          `${this.b.length}-byte file; truncated?`);
    }
  }
  u16(p) { this.check(p, 2, 'uint16'); return this.b.readUInt16LE(p); }
  u32(p) { this.check(p, 4, 'uint32'); return this.b.readUInt32LE(p); }
  i32(p) { this.check(p, 4, 'int32'); return this.b.readInt32LE(p); }
  root() { return this.u32(0); }
  // Absolute position of field `id` of the table at `t`, or 0 if absent.
  field(t, id) {
    const vt = t - this.i32(t);
    const vtSize = this.u16(vt);
    const slot = 4 + 2 * id;
    if (slot + 2 > vtSize) return 0;
    const off = this.u16(vt + slot);
    return off ? t + off : 0;
  }
  indirect(p) { return p + this.u32(p); }
  scalar(t, id, kind, dflt) {
    const p = this.field(t, id);
    if (!p) return dflt;
    switch (kind) {
      case 'i8': this.check(p, 1, 'byte'); return this.b.readInt8(p);
      case 'u32': return this.u32(p);
      case 'i32': return this.i32(p);
      default: this.fail(`scalar kind ${kind}`);
    }
  }
  table(t, id) {
    const p = this.field(t, id);
    return p ? this.indirect(p) : 0;
  }
  // Returns [start, length] of a vector field, or null if absent.
  vector(t, id) {
    const p = this.field(t, id);
    if (!p) return null;
    const v = this.indirect(p);
    const n = this.u32(v);
    return [v + 4, n];
  }
  string(t, id) {
    const v = this.vector(t, id);
    if (!v) return null;
    this.check(v[0], v[1], 'string');
    return this.b.toString('utf8', v[0], v[0] + v[1]);
  }
  ints(t, id) {
    const v = this.vector(t, id);
    if (!v) return null;
    this.check(v[0], 4 * v[1], 'int vector');
    const out = [];
    for (let i = 0; i < v[1]; i++) out.push(this.b.readInt32LE(v[0] + 4 * i));
    return out;
  }
  floats(t, id) {
    const v = this.vector(t, id);
    if (!v) return null;
    this.check(v[0], 4 * v[1], 'float vector');
    const out = [];
    for (let i = 0; i < v[1]; i++) out.push(this.b.readFloatLE(v[0] + 4 * i));
    return out;
  }
  longs(t, id) {
    const v = this.vector(t, id);
    if (!v) return null;
    this.check(v[0], 8 * v[1], 'long vector');
    const out = [];
    for (let i = 0; i < v[1]; i++) {
      out.push(Number(this.b.readBigInt64LE(v[0] + 8 * i)));
    }
    return out;
  }
  tables(t, id) {
    const v = this.vector(t, id);
    if (!v) return [];
    const out = [];
    for (let i = 0; i < v[1]; i++) out.push(this.indirect(v[0] + 4 * i));
    return out;
  }
}

function isTFLite(bytes) {
  return bytes.length >= 8 &&
      Buffer.from(bytes.buffer, bytes.byteOffset + 4, 4).toString('latin1') ===
      'TFL3';
}

function readTensor(r, t, index) {
  const typeCode = r.scalar(t, TENSOR.type, 'i8', 0);
  const info = {
    tensor_index: index,
    name: r.string(t, TENSOR.name) || '',
    shape: r.ints(t, TENSOR.shape) || [],
    dtype: TENSOR_TYPES[typeCode] || `type${typeCode}`,
  };
  const sig = r.ints(t, TENSOR.shapeSignature);
  if (sig) info.shape_signature = sig;
  const q = r.table(t, TENSOR.quantization);
  const scale = q ? r.floats(q, QUANT.scale) : null;
  if (scale && scale.length) {
    info.quantization = {
      scale,
      zero_point: r.longs(q, QUANT.zeroPoint) || scale.map(() => 0),
      quantized_dimension: r.scalar(q, QUANT.quantizedDimension, 'i32', 0),
    };
  }
  return info;
}

// Summary of subgraph 0 and its inputs/outputs.
function readModelMeta(bytes, file) {
  if (!isTFLite(bytes)) {
    throw new Error(`${file}: not a TFLite model (no "TFL3" identifier)`);
  }
  const r = new FlatReader(bytes, file);
  const model = r.root();
  const subgraphs = r.tables(model, MODEL.subgraphs);
  if (!subgraphs.length) r.fail('no subgraphs');
  const sg = subgraphs[0];
  const tensors = r.tables(sg, SUBGRAPH.tensors);
  const describe = (idx) => {
    if (idx < 0 || idx >= tensors.length) r.fail(`tensor index ${idx}`);
    return readTensor(r, tensors[idx], idx);
  };
  return {
    version: r.scalar(model, MODEL.version, 'u32', 0),
    description: r.string(model, MODEL.description),
    subgraph_count: subgraphs.length,
    tensor_count: tensors.length,
    operator_count: r.tables(sg, SUBGRAPH.operators).length,
    inputs: (r.ints(sg, SUBGRAPH.inputs) || []).map(describe),
    outputs: (r.ints(sg, SUBGRAPH.outputs) || []).map(describe),
  };
}

module.exports = {readModelMeta, isTFLite, TENSOR_TYPES};
