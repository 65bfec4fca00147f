//===- Passes.td - Calibration passes ----------------------*- tablegen -*-===//
//
// Kept apart from the dialect's passes: calibration runs the reference
// interpreter, which the dialect's transforms must not depend on.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_CALIBRATION_PASSES_TD
#define QNT_CALIBRATION_PASSES_TD

include "mlir/Pass/PassBase.td"

def Calibrate : Pass<"qnt-calibrate", "::mlir::ModuleOp"> {
  let summary = "Record activation ranges by running the float model on data";
  let description = [{
    Runs the entry function (`function`, else `@main`, else the only
    function) on the samples of `data` (a .npy file, a .npz file with one
    array per input, or a directory of images) with the reference
    interpreter, and records the range of every float activation tensor as a
    `qnt.stats` op after its definition, chosen by `method`: `minmax`,
    `moving-average`, `percentile=P`, `entropy` or `mse`. Constants and
    tensors whose range is fixed by `qnt.fake_quant` are left alone;
    existing statistics are replaced, or kept as they are with
    `keep-existing`. Fails on data that does not fit the inputs, on NaN or
    infinite activations (naming the tensor and the sample) and on ops the
    interpreter cannot run (`qnt.custom`).
  }];
  let options = [
    Option<"data", "data", "std::string", "",
           "Representative data: .npy, .npz or a directory of images">,
    Option<"samples", "samples", "unsigned", "0",
           "Use at most this many samples (0: all)">,
    Option<"method", "method", "std::string", "\"minmax\"",
           "minmax, moving-average, percentile=P, entropy or mse">,
    Option<"threads", "threads", "unsigned", "0",
           "Worker threads (0: one per hardware thread)">,
    Option<"function", "function", "std::string", "",
           "The function to calibrate (default: @main or the only one)">,
    ListOption<"mean", "mean", "float",
               "Images: per-channel (or one) mean subtracted from pixels">,
    ListOption<"stddev", "std", "float",
               "Images: per-channel (or one) divisor applied after the mean">,
    Option<"channelOrder", "channel-order", "std::string", "\"rgb\"",
           "Images: channel order of the model input, rgb or bgr">,
    Option<"layout", "layout", "std::string", "\"nhwc\"",
           "Images: layout of the model input, nhwc or nchw">,
    Option<"keepExisting", "keep-existing", "bool", "false",
           "Leave a function that already has statistics unchanged">,
  ];
  let dependentDialects = ["::qnt::QntDialect"];
}

#endif // QNT_CALIBRATION_PASSES_TD
