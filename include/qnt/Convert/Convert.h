//===- Convert.h - From a float model file to a deployable model -*- C++ -*-===//
//
// What `qnt-convert` does, as a library: load a model (.tflite, .onnx or
// .mlir), calibrate it on a data set when the mode needs ranges, run the
// mode's pipeline, export a TFLite flatbuffer, and measure the result against
// the float model on samples held apart from calibration:
//
//   - per output: SQNR, MSE and max abs error (top-1 agreement for outputs
//     shaped [N, C]);
//   - per quantized activation tensor, in graph order (when a report is
//     asked for): float and dequantized values compared, matched by tensor
//     name (the location name import gives every tensor).
//
// The measured model is the exported file read back, so what is reported is
// what was written. Errors carry the exit code they map to.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_CONVERT_CONVERT_H
#define QNT_CONVERT_CONVERT_H

#include "qnt/Data/Image.h"
#include "qnt/Dialect/Qnt/Transforms/ReportPrecision.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <vector>

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace qnt {

enum class ConvertMode {
  Int8,         // integer ops, float fallback, float I/O
  Int8Only,     // every op integer, int8 I/O
  Uint8Only,    // every op integer, uint8 I/O
  Float16,      // f16 weights
  DynamicRange, // int8 weights, float activations
  Int16x8,      // 16-bit activations, 8-bit weights
  None,         // float re-export
  Target,       // as an integer target profile says (--target)
};

/// The --mode spellings (Target has none: it comes from --target).
std::optional<ConvertMode> parseConvertMode(llvm::StringRef name);
llvm::StringRef getConvertModeName(ConvertMode mode);
/// True for the modes whose activations need calibrated ranges.
bool needsCalibration(ConvertMode mode);

/// Process exit codes of qnt-convert.
enum class ExitCode { Success = 0, Usage = 1, BadInput = 2, Unsupported = 3 };

/// An error that says which exit code it maps to.
class ConvertError : public llvm::ErrorInfo<ConvertError> {
public:
  static char ID;
  ConvertError(ExitCode code, std::string message)
      : code(code), message(std::move(message)) {}
  void log(llvm::raw_ostream &os) const override;
  std::error_code convertToErrorCode() const override;
  ExitCode getCode() const { return code; }

private:
  ExitCode code;
  std::string message;
};

llvm::Error makeConvertError(ExitCode code, const llvm::Twine &message);
/// Consumes \p err, prints it to \p os (prefixed with \p tool) and returns
/// its exit code (Unsupported for errors of other kinds).
int reportAndConsume(llvm::Error err, llvm::StringRef tool,
                     llvm::raw_ostream &os);

struct ConvertOptions {
  std::string inputPath;
  std::string outputPath;
  ConvertMode mode = ConvertMode::Int8;
  /// A target profile (built-in name or JSON file) instead of a mode: it
  /// decides bit widths, I/O type, per-channel, scales and the op list, so
  /// `mode` is ignored (the profile makes it Target, or Float16 for a
  /// float16 profile).
  std::string target;
  /// Per-layer precision, TENSOR=float|int16|... (docs/targets.md), with a
  /// target or one of the int8/int16x8 modes.
  std::vector<std::string> layerPrecision;
  /// Write constants whose grid fits 4 bits as packed INT4 tensors.
  bool packInt4 = false;

  std::string calibrationData;
  std::string calibrationMethod = "minmax";
  /// At most this many calibration samples (0: all not held out).
  unsigned calibrationSamples = 0;
  ImageOptions imageOptions;

  /// A separate evaluation data set; else the last evalSplit of the
  /// calibration data is held out (default 0.2 when the mode calibrates,
  /// all of it otherwise).
  std::string evalData;
  std::optional<double> evalSplit;

  bool perChannel = true;
  bool perChannelFC = true;
  /// int16x8: ops without a 16-bit kernel stay float.
  bool fallback = true;
  /// int16x8: width of conv/FC/transpose-conv biases in the file, 64 or 32
  /// (32 where the runtime's kernel takes it without overflow).
  unsigned biasBits = 64;
  std::vector<std::string> denyOps;
  std::vector<std::string> denyLocs;

  /// Write the report there (.json or .html) before the model.
  std::string reportPath;
  /// Keep the IR after each stage there.
  std::string mlirDumpDir;
  /// Worker threads for calibration (0: all cores).
  unsigned threads = 0;
  /// Compare every quantized tensor (for the report).
  bool compareTensors = false;
  /// Try the suggestions for the worst layers.
  bool suggest = false;
  /// Progress bars on stderr when it is a terminal.
  bool progress = true;
};

/// Accumulated float-vs-quantized comparison of one tensor.
struct TensorStats {
  std::string name;
  std::string opName;
  std::string type;
  uint64_t count = 0;
  double signal = 0;  // sum of x^2
  double noise = 0;   // sum of (x - q)^2
  double maxAbsError = 0;
  double sum = 0;     // sum of x
  uint64_t clipped = 0;
  float observedMin = 0, observedMax = 0;
  float usedMin = 0, usedMax = 0;
  /// Largest quantization step (the scale; the largest one when per-axis).
  double scale = 0;
  int64_t zeroPoint = 0;
  bool perAxis = false;
  /// The quantized tensors the op writing it reads (indices in the
  /// conversion's tensor list).
  std::vector<size_t> inputs;

  /// +inf when the values agree exactly.
  double sqnrDb() const;
  double mse() const { return count ? noise / count : 0; }
  double clippedFraction() const {
    return count ? double(clipped) / count : 0;
  }
  double stddev() const;
};

struct OutputStats {
  TensorStats values;
  /// Outputs shaped [N, C] (C > 1): rows whose argmax agrees.
  std::optional<uint64_t> top1Agree;
  uint64_t top1Rows = 0;
};

/// Why compute ops stayed float, with their tensor names.
struct FloatReason {
  std::string reason;
  std::vector<std::string> ops;
};

struct OpSummary {
  unsigned total = 0;
  unsigned integer = 0;
  /// Float activations with quantized weights (dynamic range).
  unsigned hybrid = 0;
  unsigned floating = 0;
  std::vector<FloatReason> floatReasons;
};

struct Suggestion {
  std::string tensor;
  std::string kind; // keep-float, 16-bit, per-channel, calibration
  std::string text;
  std::vector<std::string> flags;
};

struct SuggestionTrial {
  std::string description;
  std::vector<std::string> flags;
  std::vector<OutputStats> outputs;
  /// Mean output SQNR (finite values capped at 100 dB) and gain over the
  /// conversion as asked.
  double meanSqnrDb = 0;
  double gainDb = 0;
  std::string error;
};

struct ConvertResult {
  /// "int8", ... or "target NAME".
  std::string modeName;
  /// The target profile's name and description (with --target).
  std::string targetName;
  std::string targetDescription;
  uint64_t inputBytes = 0;
  uint64_t outputBytes = 0;
  /// Constants written as packed INT4 (with packInt4).
  unsigned int4Tensors = 0;
  /// Weights narrower than 5 bits in int8 containers: the file's size with
  /// --pack-int4 (0 otherwise).
  uint64_t packedBytes = 0;
  size_t calibrationSamples = 0;
  size_t evalSamples = 0;
  std::string evalSource;
  /// Warnings of the quantization passes, one per line.
  std::string warnings;
  OpSummary ops;
  /// Per layer, in graph order, as qnt-report-precision finds them (the
  /// integer pipelines).
  std::vector<LayerPrecision> layers;
  std::vector<OutputStats> outputs;
  double meanSqnrDb = 0;
  /// Quantized activations in graph order (with compareTensors).
  std::vector<TensorStats> tensors;
  /// Indices into tensors, with suggestions: the tensors whose op adds the
  /// most noise (noise-to-signal ratio minus that of its noisiest input), so
  /// that the error a layer only inherits does not rank it.
  std::vector<std::pair<size_t, Suggestion>> worst;
  std::vector<SuggestionTrial> trials;
};

/// Loads \p path by its extension: .tflite, .onnx or .mlir.
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
loadModel(llvm::StringRef path, mlir::MLIRContext *context);

/// Runs the whole conversion and writes the report (if asked for) and
/// options.outputPath, each atomically: a failure leaves no partial file.
llvm::Expected<ConvertResult> convert(const ConvertOptions &options,
                                      mlir::MLIRContext *context);

/// The end-of-run summary for a terminal.
void printSummary(const ConvertOptions &options, const ConvertResult &result,
                  llvm::raw_ostream &os);

/// Mean of the outputs' SQNR, each capped at 100 dB.
double meanSqnr(const std::vector<OutputStats> &outputs);

} // namespace qnt

#endif // QNT_CONVERT_CONVERT_H
