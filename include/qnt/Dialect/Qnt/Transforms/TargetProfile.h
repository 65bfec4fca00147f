//===- TargetProfile.h - What a target's hardware can run -------*- C++ -*-===//
//
// A target profile describes how a piece of hardware wants its model
// quantized: bit widths of weights and activations, per-channel or
// per-tensor weights, power-of-two scales, integer-only or float fallback,
// the type of the model's inputs and outputs, which ops it runs in integer
// at all, and per-layer overrides. Profiles are JSON (docs/targets.md);
// qnt has a few built in.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_DIALECT_QNT_TRANSFORMS_TARGETPROFILE_H
#define QNT_DIALECT_QNT_TRANSFORMS_TARGETPROFILE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace qnt {

struct TargetProfile {
  std::string name;
  std::string description;
  /// Float16 weights with f32 activations (GPUs); the integer settings
  /// below are then unused.
  bool float16 = false;
  unsigned activationBits = 8;
  unsigned weightBits = 8;
  bool perChannel = true;
  bool perChannelFC = true;
  bool powerOfTwoScales = false;
  bool integerOnly = false;
  /// float, int8 or uint8 (integer types need integerOnly).
  std::string ioType = "float";
  /// The ops the target runs in integer; empty means every op with a
  /// TFLite kernel. Others stay float, or are errors when integerOnly.
  std::vector<std::string> ops;
  /// Per-layer precision by tensor name: "float" (kept float), "int16" in
  /// a profile with 8-bit activations (that layer at int16), or the
  /// profile's own integer precision.
  std::map<std::string, std::string> layers;
};

/// The names of the built-in profiles.
std::vector<std::string> getBuiltinTargetNames();

/// The built-in profile `nameOrPath`, else the JSON profile in that file.
/// Errors name the file and the offending field.
llvm::Expected<TargetProfile> loadTargetProfile(llvm::StringRef nameOrPath);

/// Parses a profile from JSON text; `source` names it in errors.
llvm::Expected<TargetProfile> parseTargetProfile(llvm::StringRef json,
                                                 llvm::StringRef source);

} // namespace qnt

#endif // QNT_DIALECT_QNT_TRANSFORMS_TARGETPROFILE_H
