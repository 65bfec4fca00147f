#!/usr/bin/env node
'use strict';
// Runs a .tflite model in the TFLite WebAssembly runtime on .npy inputs and
// writes its outputs as .npy files. See README.md.

const fs = require('fs');
const path = require('path');
const {readNpy, writeNpy, DTYPES} = require('./npy');
const {readModelMeta} = require('./tflite-meta');
const {createRunner} = require('./runtime');

const USAGE = `usage: node run.js MODEL.tflite [--info] [--input IN.npy]... [-o OUTDIR]

  --input, -i FILE   one .npy per model input, in the model's input order
  -o, --output-dir   directory for output_<i>.npy (created if missing)
  --info             print a JSON description of the model's inputs/outputs

An input whose first axis is N while the model's is 1 is a batch of N samples:
the model runs once per sample and each output gets N along its first axis.`;

class UsageError extends Error {}

function parseArgs(argv) {
  const opts = {model: null, inputs: [], outDir: null, info: false};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new UsageError(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '-h' || a === '--help') {
      process.stdout.write(USAGE + '\n');
      process.exit(0);
    } else if (a === '--input' || a === '-i') {
      opts.inputs.push(value());
    } else if (a === '-o' || a === '--output-dir') {
      opts.outDir = value();
    } else if (a === '--info') {
      opts.info = true;
    } else if (a.startsWith('-')) {
      throw new UsageError(`unknown option ${a}`);
    } else if (opts.model === null) {
      opts.model = a;
    } else {
      throw new UsageError(`unexpected argument ${a}`);
    }
  }
  if (!opts.model) throw new UsageError('no model given');
  if (!opts.info && !opts.inputs.length) {
    throw new UsageError('give --input files to run, or --info');
  }
  if (opts.inputs.length && !opts.outDir) {
    throw new UsageError('-o OUTDIR is required when running the model');
  }
  return opts;
}

function parseShape(text) {
  return text === '' ? [] : text.split(',').map(Number);
}

const sameShape = (a, b) =>
  a.length === b.length && a.every((d, i) => d === b[i]);
const numel = (shape) => shape.reduce((a, b) => a * b, 1);
const fmt = (shape) => `[${shape.join(',')}]`;

// Joins what the runtime reports with what only the file holds.
function describe(rtTensors, fileTensors) {
  return rtTensors.map((t, i) => {
    const f = fileTensors.find((ft) => ft.tensor_index === t.id) || {};
    const entry = {
      index: i,
      name: t.name,
      shape: parseShape(t.shape),
      dtype: t.dataType,
      tensor_index: t.id,
    };
    if (f.shape_signature) entry.shape_signature = f.shape_signature;
    entry.quantization = f.quantization || null;
    return entry;
  });
}

// Decides how the arrays map onto the model inputs: one run (exact shapes)
// or one run per sample along the first axis. Returns the sample count, or
// 0 for a single exact run.
function planRuns(specs, arrays, files) {
  let samples = 0;
  const counts = arrays.map((arr, i) => {
    const spec = specs[i];
    const where = `input ${i} ('${spec.name}', ${files[i]})`;
    if (arr.dtype !== spec.dtype) {
      throw new Error(
          `${where}: model expects ${spec.dtype} ${fmt(spec.shape)}, ` +
          `file holds ${arr.dtype} ${fmt(arr.shape)}`);
    }
    if (sameShape(arr.shape, spec.shape)) return 0;
    const batched = spec.shape.length > 0 && spec.shape[0] === 1 &&
        arr.shape.length === spec.shape.length && arr.shape[0] > 0 &&
        sameShape(arr.shape.slice(1), spec.shape.slice(1));
    if (!batched) {
      throw new Error(
          `${where}: shape ${fmt(arr.shape)} does not match the model's ` +
          `${fmt(spec.shape)} (nor is it a batch of such samples)`);
    }
    return arr.shape[0];
  });
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] === 0) continue;
    if (samples && counts[i] !== samples) {
      throw new Error(
          `inputs disagree on the number of samples: ${files[i]} has ` +
          `${counts[i]}, an earlier input has ${samples}`);
    }
    samples = counts[i];
  }
  if (samples) {
    counts.forEach((c, i) => {
      if (c === 0) {
        throw new Error(
            `${files[i]} holds a single sample but other inputs hold ` +
            `${samples}; give every input the same number of samples`);
      }
    });
  }
  return samples;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  let modelBytes;
  try {
    modelBytes = fs.readFileSync(opts.model);
  } catch (e) {
    throw new Error(`${opts.model}: cannot read model: ${e.code || e.message}`);
  }
  const meta = readModelMeta(modelBytes, opts.model);

  let runner;
  try {
    runner = await createRunner(modelBytes);
  } catch (e) {
    throw new Error(
        `${opts.model}: the TFLite runtime could not load the model: ` +
        `${e.message || e}`);
  }
  const inSpecs = describe(runner.getInputs(), meta.inputs);
  const outSpecs = describe(runner.getOutputs(), meta.outputs);

  if (opts.info) {
    const text = JSON.stringify({
      model: opts.model,
      description: meta.description,
      inputs: inSpecs,
      outputs: outSpecs,
    }, null, 2);
    // Keep number lists (shapes, scales) on one line. Only the pretty-printer
    // puts raw newlines in the text, so strings are never touched.
    process.stdout.write(text.replace(/\[\n[-+\d.eE,\s]*\]/g,
        (m) => m.replace(/\s+/g, '').replace(/,/g, ', ')) + '\n');
  }
  if (!opts.inputs.length) return;

  if (opts.inputs.length !== inSpecs.length) {
    throw new Error(
        `${opts.model} has ${inSpecs.length} input(s) ` +
        `(${inSpecs.map((s) => `'${s.name}'`).join(', ')}), got ` +
        `${opts.inputs.length} --input file(s)`);
  }
  for (const s of [...inSpecs, ...outSpecs]) {
    if (!DTYPES[s.dtype]) {
      throw new Error(`tensor '${s.name}' has unsupported type ${s.dtype}`);
    }
  }
  const arrays = opts.inputs.map((f) => readNpy(f));
  const samples = planRuns(inSpecs, arrays, opts.inputs);
  const runs = Math.max(samples, 1);

  const collected = outSpecs.map(() => []);
  let outShapes = null;
  for (let k = 0; k < runs; k++) {
    runner.getInputs().forEach((t, i) => {
      const per = numel(inSpecs[i].shape);
      const src = samples ? arrays[i].data.subarray(k * per, (k + 1) * per) :
                            arrays[i].data;
      t.data().set(src);
    });
    if (!runner.infer()) {
      throw new Error(`${opts.model}: inference failed` +
          (samples ? ` on sample ${k}` : ''));
    }
    const outs = runner.getOutputs();
    const shapes = outs.map((t) => parseShape(t.shape));
    if (outShapes && !shapes.every((s, j) => sameShape(s, outShapes[j]))) {
      throw new Error(`output shapes changed between samples`);
    }
    outShapes = shapes;
    outs.forEach((t, j) => collected[j].push(t.data().slice()));
  }

  fs.mkdirSync(opts.outDir, {recursive: true});
  outSpecs.forEach((spec, j) => {
    const shape = outShapes[j];
    let fullShape = shape;
    let data = collected[j][0];
    if (samples) {
      // Samples replace a leading batch dim of 1, or else add a new axis.
      fullShape = shape.length && shape[0] === 1 ?
          [samples, ...shape.slice(1)] : [samples, ...shape];
      const per = numel(shape);
      data = new DTYPES[spec.dtype].Array(samples * per);
      collected[j].forEach((chunk, k) => data.set(chunk, k * per));
    }
    const file = path.join(opts.outDir, `output_${j}.npy`);
    writeNpy(file, spec.dtype, fullShape, data);
    process.stdout.write(
        `${file}: '${spec.name}' ${spec.dtype} ${fmt(fullShape)}\n`);
  });
}

main().catch((e) => {
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(`tflite-runner: error: ${msg}\n`);
  if (e instanceof UsageError) process.stderr.write(USAGE + '\n');
  process.exit(1);
});
