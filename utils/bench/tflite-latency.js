#!/usr/bin/env node
// Latency per inference of .tflite models in the TFLite runtime that
// utils/tflite-runner loads (WebAssembly, XNNPACK, one thread).
//
//   node tflite-latency.js [--iterations N] [--rounds R] [--warmup W]
//       MODEL.tflite DATA.npy [MODEL.tflite DATA.npy ...]
//
// Every model is loaded once, then each round times N inferences of each
// model in turn (so all models see the same machine load), feeding the
// samples of DATA.npy (first axis; the model's single input type) in a
// cycle. Prints JSON: model path -> milliseconds per inference, the best
// round's mean. Only inference is timed: copying the input in and out is
// not.
'use strict';

const fs = require('fs');
const path = require('path');
const runnerDir = path.join(__dirname, '..', 'tflite-runner');
const {readNpy} = require(path.join(runnerDir, 'npy'));
const {createRunner} = require(path.join(runnerDir, 'runtime'));

function fail(message) {
  process.stderr.write(`tflite-latency: error: ${message}\n`);
  process.exit(1);
}

async function main() {
  const args = process.argv.slice(2);
  const opts = {iterations: 50, rounds: 3, warmup: 3};
  const pairs = [];
  for (let i = 0; i < args.length; i++) {
    const flag = args[i].replace(/^--/, '');
    if (args[i].startsWith('--') && flag in opts) {
      opts[flag] = Number(args[++i]);
      if (!(opts[flag] >= 1)) fail(`--${flag} needs a positive number`);
    } else {
      pairs.push(args[i]);
    }
  }
  if (!pairs.length || pairs.length % 2) {
    fail('usage: tflite-latency.js [--iterations N] [--rounds R] ' +
         '[--warmup W] MODEL.tflite DATA.npy [MODEL DATA ...]');
  }

  const models = [];
  for (let i = 0; i < pairs.length; i += 2) {
    const [file, dataFile] = [pairs[i], pairs[i + 1]];
    if (!fs.existsSync(file)) fail(`${file}: no such file`);
    let runner;
    try {
      runner = await createRunner(fs.readFileSync(file));
    } catch (e) {
      fail(`${file}: the TFLite runtime could not load it: ${e.message || e}`);
    }
    const inputs = runner.getInputs();
    if (inputs.length !== 1) fail(`${file}: expected one input`);
    const data = readNpy(dataFile).data;
    const per = inputs[0].data().length;
    if (data.length % per || data.constructor !== inputs[0].data().constructor) {
      fail(`${dataFile}: not whole samples of the type of ${file}'s input`);
    }
    models.push({file, runner, data, per, count: data.length / per, best: Infinity});
  }

  const infer = (m, k) => {
    const sample = k % m.count;
    m.runner.getInputs()[0].data().set(
        m.data.subarray(sample * m.per, (sample + 1) * m.per));
    const start = process.hrtime.bigint();
    if (!m.runner.infer()) fail(`${m.file}: inference failed`);
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  for (const m of models) {
    for (let k = 0; k < opts.warmup; k++) infer(m, k);
  }
  for (let r = 0; r < opts.rounds; r++) {
    for (const m of models) {
      let total = 0;
      for (let k = 0; k < opts.iterations; k++) total += infer(m, k);
      m.best = Math.min(m.best, total / opts.iterations);
    }
  }
  const result = {};
  for (const m of models) result[m.file] = m.best;
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((e) => fail(e.stack || String(e)));
