'use strict';
// Loads the TFLite WebAssembly runtime shipped in @tensorflow/tfjs-tflite into
// plain Node.js.
//
// The package is written for a browser web worker: on require() it resolves a
// loader script relative to `self.location`, pulls it in with importScripts(),
// and the Emscripten factory that script defines fetches its .wasm by URL.
// We provide those worker globals, always hand out the single-threaded SIMD
// build (Node would otherwise be detected as thread-capable and get the
// pthread build, which needs real workers), and give the factory the .wasm
// bytes read from disk so nothing is fetched.

const fs = require('fs');
const path = require('path');

const LOADER_BUILD = 'tflite_web_api_cc_simd';

let cached = null;

function packageDir(name) {
  try {
    return path.dirname(require.resolve(`${name}/package.json`));
  } catch (e) {
    throw new Error(
        `cannot find npm package ${name}; run 'npm ci' in ${__dirname}`);
  }
}

function installWorkerGlobals(wasmDir) {
  const scriptPath = path.join(wasmDir, `${LOADER_BUILD}.js`);
  const wasmPath = path.join(wasmDir, `${LOADER_BUILD}.wasm`);
  for (const p of [scriptPath, wasmPath]) {
    if (!fs.existsSync(p)) throw new Error(`TFLite runtime file missing: ${p}`);
  }
  const g = globalThis;
  g.self = g;
  // Only the directory part matters: the loader puts the script name after it.
  g.self.location = {href: `file://${wasmDir}/`, origin: 'file://'};
  g.importScripts = (url) => {
    // The URL names a build chosen by feature detection; ignore which one and
    // load ours.
    if (!/tflite_web_api_cc[a-z_]*\.js$/.test(String(url))) {
      throw new Error(`unexpected importScripts(${url})`);
    }
    const factory = require(scriptPath);
    const wasmBinary = fs.readFileSync(wasmPath);
    g.tflite_web_api_ModuleFactory = (opts) =>
        factory(Object.assign({}, opts, {
          wasmBinary,
          locateFile: (f) => path.join(wasmDir, f),
          print: (s) => process.stderr.write(`[tflite] ${s}\n`),
          printErr: (s) => process.stderr.write(`[tflite] ${s}\n`),
        }));
  };
}

// Returns the @tensorflow/tfjs-tflite module, ready to load models.
function loadRuntime() {
  if (cached) return cached;
  const tfliteDir = packageDir('@tensorflow/tfjs-tflite');
  installWorkerGlobals(path.join(tfliteDir, 'wasm'));
  require('@tensorflow/tfjs-backend-cpu');
  const tfliteApi = require('@tensorflow/tfjs-tflite');
  cached = tfliteApi;
  return cached;
}

// Creates an interpreter for the model bytes (a Buffer or Uint8Array).
// Single-threaded, so results do not depend on the machine.
async function createRunner(modelBytes) {
  const api = loadRuntime();
  const ab = modelBytes.buffer.slice(
      modelBytes.byteOffset, modelBytes.byteOffset + modelBytes.byteLength);
  const model = await api.loadTFLiteModel(ab, {numThreads: 1});
  return model.modelRunner;
}

module.exports = {loadRuntime, createRunner};
