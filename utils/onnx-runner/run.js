#!/usr/bin/env node
'use strict';
// Runs an .onnx model in ONNX Runtime (CPU) on .npy inputs and writes its
// outputs as .npy files. See README.md.

const fs = require('fs');
const path = require('path');
const {readNpy, writeNpy} = require('../tflite-runner/npy');

const USAGE = `usage: node run.js MODEL.onnx --input IN.npy [--input IN.npy]... -o OUTDIR

  --input, -i FILE   one .npy per model input, in the model's input order
  -o, --output-dir   directory for output_<i>.npy (created if missing)`;

function fail(message) {
  process.stderr.write(`onnx-runner: error: ${message}\n`);
  process.exit(1);
}

function parseArgs(argv) {
  const opts = {model: null, inputs: [], outDir: null};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '-h' || a === '--help') {
      process.stdout.write(USAGE + '\n');
      process.exit(0);
    } else if (a === '--input' || a === '-i') {
      opts.inputs.push(value());
    } else if (a === '-o' || a === '--output-dir') {
      opts.outDir = value();
    } else if (a.startsWith('-')) {
      fail(`unknown option ${a}\n${USAGE}`);
    } else if (opts.model === null) {
      opts.model = a;
    } else {
      fail(`unexpected argument ${a}`);
    }
  }
  if (!opts.model || !opts.inputs.length || !opts.outDir) fail(USAGE);
  return opts;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  let ort;
  try {
    ort = require('onnxruntime-node');
  } catch (e) {
    fail(`cannot load onnxruntime-node (run 'npm ci --ignore-scripts' in ` +
         `${__dirname}): ${e.message}`);
  }
  const session = await ort.InferenceSession.create(opts.model, {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
  });
  if (opts.inputs.length !== session.inputNames.length) {
    fail(`${opts.model} has ${session.inputNames.length} inputs ` +
         `(${session.inputNames.join(', ')}), ${opts.inputs.length} given`);
  }
  const feeds = {};
  session.inputNames.forEach((name, i) => {
    const arr = readNpy(opts.inputs[i]);
    feeds[name] = new ort.Tensor(arr.dtype, arr.data, arr.shape);
  });
  const results = await session.run(feeds);
  fs.mkdirSync(opts.outDir, {recursive: true});
  session.outputNames.forEach((name, i) => {
    const t = results[name];
    writeNpy(path.join(opts.outDir, `output_${i}.npy`), t.type, t.dims,
             t.data);
  });
}

main().catch((e) => fail(e && e.message ? e.message : String(e)));
