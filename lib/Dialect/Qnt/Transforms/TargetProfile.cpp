//===- TargetProfile.cpp - Target profiles from JSON ----------------------===//

#include "qnt/Dialect/Qnt/Transforms/TargetProfile.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace qnt;

namespace {
struct BuiltinTarget {
  const char *name;
  const char *json;
};
} // namespace

// The built-ins are written in the same JSON a user would write.
static const BuiltinTarget kBuiltinTargets[] = {
    {"tflite-cpu", R"json({
      "description": "TFLite on ARM/x86 CPUs: int8 asymmetric activations, per-channel int8 weights, float fallback",
      "activations": {"bits": 8},
      "weights": {"bits": 8, "per_channel": true, "per_channel_fc": true}
    })json"},
    {"int8-per-tensor", R"json({
      "description": "Older integer accelerators: int8 with per-tensor weights only",
      "activations": {"bits": 8},
      "weights": {"bits": 8, "per_channel": false, "per_channel_fc": false}
    })json"},
    {"int16-pow2-dsp", R"json({
      "description": "Fixed-point DSPs: int16 symmetric activations, power-of-two scales (requantization is a shift)",
      "activations": {"bits": 16},
      "weights": {"bits": 8, "per_channel": true, "per_channel_fc": true},
      "power_of_two_scales": true
    })json"},
    {"fp16-gpu", R"json({
      "description": "GPUs: float16 weights, float activations",
      "float16": true
    })json"},
    {"int8-mcu", R"json({
      "description": "Microcontrollers: integer-only int8 with int8 inputs and outputs, per-channel weights",
      "activations": {"bits": 8},
      "weights": {"bits": 8, "per_channel": true, "per_channel_fc": true},
      "integer_only": true,
      "io_type": "int8"
    })json"},
};

std::vector<std::string> qnt::getBuiltinTargetNames() {
  std::vector<std::string> names;
  for (const BuiltinTarget &target : kBuiltinTargets)
    names.push_back(target.name);
  return names;
}

static llvm::Error profileError(llvm::StringRef source,
                                const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "target profile '" + source + "': " +
                                     message);
}

llvm::Expected<TargetProfile> qnt::parseTargetProfile(llvm::StringRef json,
                                                      llvm::StringRef source) {
  llvm::Expected<llvm::json::Value> parsed = llvm::json::parse(json);
  if (!parsed)
    return profileError(source, llvm::toString(parsed.takeError()));
  const llvm::json::Object *root = parsed->getAsObject();
  if (!root)
    return profileError(source, "must be a JSON object");

  static const char *const kKeys[] = {
      "name",          "description",        "float16",   "activations",
      "weights",       "power_of_two_scales", "integer_only", "io_type",
      "ops",           "layers"};
  for (const auto &entry : *root)
    if (!llvm::is_contained(kKeys, entry.first.str()))
      return profileError(source, "unknown field '" + entry.first.str() + "'");

  TargetProfile profile;
  auto getBool = [&](const llvm::json::Object &object, llvm::StringRef key,
                     llvm::StringRef path, bool &out) -> llvm::Error {
    if (const llvm::json::Value *v = object.get(key)) {
      std::optional<bool> b = v->getAsBoolean();
      if (!b)
        return profileError(source, path + key + " must be true or false");
      out = *b;
    }
    return llvm::Error::success();
  };
  auto getBits = [&](const llvm::json::Object &object, llvm::StringRef path,
                     unsigned lo, unsigned hi,
                     unsigned &out) -> llvm::Error {
    if (const llvm::json::Value *v = object.get("bits")) {
      std::optional<int64_t> n = v->getAsInteger();
      if (!n || *n < lo || *n > hi)
        return profileError(source, llvm::formatv("{0}bits must be an integer "
                                                  "from {1} to {2}",
                                                  path, lo, hi)
                                        .str());
      out = static_cast<unsigned>(*n);
    }
    return llvm::Error::success();
  };

  if (std::optional<llvm::StringRef> name = root->getString("name"))
    profile.name = name->str();
  else
    profile.name = source.str();
  if (std::optional<llvm::StringRef> text = root->getString("description"))
    profile.description = text->str();
  if (auto err = getBool(*root, "float16", "", profile.float16))
    return std::move(err);
  if (auto err = getBool(*root, "power_of_two_scales", "",
                         profile.powerOfTwoScales))
    return std::move(err);
  if (auto err = getBool(*root, "integer_only", "", profile.integerOnly))
    return std::move(err);
  if (const llvm::json::Object *acts = root->getObject("activations")) {
    if (auto err = getBits(*acts, "activations.", 8, 16,
                           profile.activationBits))
      return std::move(err);
    if (profile.activationBits != 8 && profile.activationBits != 16)
      return profileError(source, "activations.bits must be 8 or 16");
  }
  if (const llvm::json::Object *weights = root->getObject("weights")) {
    if (auto err = getBits(*weights, "weights.", 2, 8, profile.weightBits))
      return std::move(err);
    if (auto err = getBool(*weights, "per_channel", "weights.",
                           profile.perChannel))
      return std::move(err);
    if (auto err = getBool(*weights, "per_channel_fc", "weights.",
                           profile.perChannelFC))
      return std::move(err);
  }
  if (const llvm::json::Value *io = root->get("io_type")) {
    std::optional<llvm::StringRef> type = io->getAsString();
    if (!type || (*type != "float" && *type != "int8" && *type != "uint8"))
      return profileError(source, "io_type must be float, int8 or uint8");
    profile.ioType = type->str();
  }
  if (profile.ioType != "float" &&
      (!profile.integerOnly || profile.activationBits != 8))
    return profileError(source, "io_type " + profile.ioType +
                                    " needs integer_only with 8-bit "
                                    "activations");
  if (const llvm::json::Value *ops = root->get("ops")) {
    const llvm::json::Array *list = ops->getAsArray();
    if (!list)
      return profileError(source, "ops must be a list of op names");
    for (const llvm::json::Value &op : *list) {
      std::optional<llvm::StringRef> name = op.getAsString();
      if (!name)
        return profileError(source, "ops must be a list of op names");
      profile.ops.push_back(name->str());
    }
  }
  if (const llvm::json::Value *layers = root->get("layers")) {
    const llvm::json::Object *map = layers->getAsObject();
    if (!map)
      return profileError(source,
                          "layers must map tensor names to precisions");
    for (const auto &entry : *map) {
      std::optional<llvm::StringRef> precision = entry.second.getAsString();
      if (!precision)
        return profileError(source, "layers." + entry.first.str() +
                                        " must be a string");
      profile.layers[entry.first.str()] = precision->str();
    }
  }
  return profile;
}

llvm::Expected<TargetProfile> qnt::loadTargetProfile(llvm::StringRef nameOrPath) {
  for (const BuiltinTarget &target : kBuiltinTargets)
    if (nameOrPath == target.name) {
      llvm::Expected<TargetProfile> profile =
          parseTargetProfile(target.json, target.name);
      if (profile)
        profile->name = target.name;
      return profile;
    }
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> file =
      llvm::MemoryBuffer::getFile(nameOrPath);
  if (!file) {
    std::string names;
    for (const BuiltinTarget &target : kBuiltinTargets)
      names += std::string(names.empty() ? "" : ", ") + target.name;
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "target '" + nameOrPath +
            "' is neither a built-in profile (" + names +
            ") nor a readable file: " + file.getError().message());
  }
  return parseTargetProfile((*file)->getBuffer(), nameOrPath);
}
