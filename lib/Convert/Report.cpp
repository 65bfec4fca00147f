//===- Report.cpp - JSON and HTML quantization reports --------------------===//

#include "qnt/Convert/Report.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <cstdio>

using namespace qnt;

/// JSON has no infinities: exact agreement is null (with "exact": true).
static llvm::json::Value number(double v) {
  if (!std::isfinite(v))
    return nullptr;
  return v;
}

static void writeStats(llvm::json::OStream &j, const TensorStats &t) {
  j.attribute("name", t.name);
  if (!t.opName.empty())
    j.attribute("op", t.opName);
  j.attribute("type", t.type);
  j.attribute("sqnr_db", number(t.sqnrDb()));
  j.attribute("exact", t.noise == 0);
  j.attribute("mse", t.mse());
  j.attribute("max_abs_error", t.maxAbsError);
  j.attribute("values", static_cast<int64_t>(t.count));
  j.attributeArray("range_observed", [&] {
    j.value(t.observedMin);
    j.value(t.observedMax);
  });
  if (std::isfinite(t.usedMin)) {
    j.attributeArray("range_used", [&] {
      j.value(t.usedMin);
      j.value(t.usedMax);
    });
    j.attribute("scale", t.scale);
    j.attribute("zero_point", t.zeroPoint);
    j.attribute("per_axis", t.perAxis);
    j.attribute("clipped_fraction", t.clippedFraction());
  }
}

static void writeOutputs(llvm::json::OStream &j,
                         const std::vector<OutputStats> &outputs) {
  j.arrayBegin();
  for (const OutputStats &o : outputs)
    j.object([&] {
      writeStats(j, o.values);
      if (o.top1Agree) {
        j.attribute("top1_agree", static_cast<int64_t>(*o.top1Agree));
        j.attribute("top1_rows", static_cast<int64_t>(o.top1Rows));
      }
    });
  j.arrayEnd();
}

void qnt::writeJsonReport(const ConvertOptions &options,
                          const ConvertResult &result, llvm::raw_ostream &os) {
  llvm::json::OStream j(os, 2);
  j.object([&] {
    j.attribute("input", options.inputPath);
    j.attribute("output", options.outputPath);
    j.attribute("mode", result.modeName);
    if (!result.targetName.empty()) {
      j.attribute("target", result.targetName);
      j.attribute("target_description", result.targetDescription);
    }
    j.attribute("calibration_data", options.calibrationData);
    j.attribute("calibration_method", options.calibrationMethod);
    j.attribute("calibration_samples",
                static_cast<int64_t>(result.calibrationSamples));
    j.attribute("eval_source", result.evalSource);
    j.attribute("eval_samples", static_cast<int64_t>(result.evalSamples));
    j.attribute("input_bytes", static_cast<int64_t>(result.inputBytes));
    j.attribute("output_bytes", static_cast<int64_t>(result.outputBytes));
    j.attribute("pack_int4", options.packInt4);
    j.attribute("int4_tensors", static_cast<int64_t>(result.int4Tensors));
    if (result.packedBytes)
      j.attribute("packed_bytes", static_cast<int64_t>(result.packedBytes));
    j.attributeObject("ops", [&] {
      j.attribute("total", result.ops.total);
      j.attribute("integer", result.ops.integer);
      j.attribute("hybrid", result.ops.hybrid);
      j.attribute("float", result.ops.floating);
      j.attributeArray("float_reasons", [&] {
        for (const FloatReason &r : result.ops.floatReasons)
          j.object([&] {
            j.attribute("reason", r.reason);
            j.attributeArray("ops", [&] {
              for (const std::string &op : r.ops)
                j.value(op);
            });
          });
      });
    });
    // As qnt-report-precision finds them; weights is null without weights.
    j.attributeArray("layers", [&] {
      for (const LayerPrecision &layer : result.layers)
        j.object([&] {
          j.attribute("op", layer.op);
          j.attribute("tensor", layer.tensor);
          j.attribute("precision", layer.precision);
          if (layer.weights.empty())
            j.attribute("weights", nullptr);
          else
            j.attribute("weights", layer.weights);
          j.attribute("why", layer.why);
        });
    });
    j.attributeBegin("outputs");
    writeOutputs(j, result.outputs);
    j.attributeEnd();
    j.attribute("mean_output_sqnr_db", number(result.meanSqnrDb));
    j.attributeArray("tensors", [&] {
      for (auto [i, t] : llvm::enumerate(result.tensors))
        j.object([&] {
          j.attribute("index", static_cast<int64_t>(i));
          writeStats(j, t);
        });
    });
    j.attributeArray("worst", [&] {
      for (auto &[index, s] : result.worst)
        j.object([&] {
          j.attribute("tensor", s.tensor);
          j.attribute("index", static_cast<int64_t>(index));
          j.attribute("sqnr_db", number(result.tensors[index].sqnrDb()));
          j.attribute("suggestion", s.kind);
          j.attribute("why", s.text);
          j.attributeArray("flags", [&] {
            for (const std::string &f : s.flags)
              j.value(f);
          });
        });
    });
    j.attributeArray("suggestions_tried", [&] {
      for (const SuggestionTrial &t : result.trials)
        j.object([&] {
          j.attribute("description", t.description);
          j.attributeArray("flags", [&] {
            for (const std::string &f : t.flags)
              j.value(f);
          });
          if (!t.error.empty()) {
            j.attribute("error", t.error);
            return;
          }
          j.attribute("mean_output_sqnr_db", number(t.meanSqnrDb));
          j.attribute("gain_db", number(t.gainDb));
          j.attributeBegin("outputs");
          writeOutputs(j, t.outputs);
          j.attributeEnd();
        });
    });
  });
  os << "\n";
}

//===----------------------------------------------------------------------===//
// HTML
//===----------------------------------------------------------------------===//

static std::string esc(llvm::StringRef text) {
  std::string out;
  for (char c : text) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    default:
      out += c;
    }
  }
  return out;
}

static std::string db(double v) {
  if (std::isinf(v))
    return v > 0 ? "exact" : "-inf";
  return llvm::formatv("{0:F1}", v).str();
}

static std::string num(double v) {
  char text[32];
  snprintf(text, sizeof(text), "%.4g", v);
  return text;
}

/// Green at 40 dB and above, red at 10 dB and below.
static std::string colorFor(double sqnr) {
  if (!std::isfinite(sqnr))
    return sqnr > 0 ? "#2e7d32" : "#c62828";
  if (sqnr >= 40)
    return "#2e7d32";
  if (sqnr >= 25)
    return "#9e9d24";
  if (sqnr >= 10)
    return "#ef6c00";
  return "#c62828";
}

static void writeChart(const ConvertResult &result, llvm::raw_ostream &os) {
  const auto &tensors = result.tensors;
  const double width = 960, height = 260, left = 48, bottom = 40, top = 12;
  const double plotW = width - left - 8, plotH = height - top - bottom;
  const double maxDb = 60;
  os << "<svg id=\"sqnr-chart\" xmlns=\"http://www.w3.org/2000/svg\" "
        "width=\""
     << width << "\" height=\"" << height << "\" viewBox=\"0 0 " << width
     << " " << height << "\" role=\"img\" aria-label=\"SQNR per layer\">\n";
  os << "<rect x=\"0\" y=\"0\" width=\"" << width << "\" height=\"" << height
     << "\" fill=\"#fafafa\"/>\n";
  for (int tick = 0; tick <= maxDb; tick += 10) {
    double y = top + plotH * (1 - tick / maxDb);
    os << llvm::formatv("<line x1=\"{0}\" y1=\"{1:F1}\" x2=\"{2}\" "
                        "y2=\"{1:F1}\" stroke=\"#ddd\"/>"
                        "<text x=\"{3}\" y=\"{4:F1}\" font-size=\"11\" "
                        "text-anchor=\"end\">{5}</text>\n",
                        left, y, width - 8, left - 4, y + 4, tick);
  }
  os << llvm::formatv("<text x=\"12\" y=\"{0}\" font-size=\"11\" "
                      "transform=\"rotate(-90 12 {0})\">SQNR dB</text>\n",
                      top + plotH / 2);
  size_t n = tensors.size();
  double barW = n ? plotW / n : plotW;
  for (size_t i = 0; i < n; ++i) {
    double sqnr = tensors[i].sqnrDb();
    double shown = std::isfinite(sqnr) ? std::clamp(sqnr, 0.0, maxDb)
                                       : (sqnr > 0 ? maxDb : 0);
    double h = plotH * shown / maxDb;
    os << llvm::formatv("<rect class=\"bar\" x=\"{0:F2}\" y=\"{1:F2}\" "
                        "width=\"{2:F2}\" height=\"{3:F2}\" fill=\"{4}\">"
                        "<title>#{5} {6}: {7} dB</title></rect>\n",
                        left + i * barW + barW * 0.1, top + plotH - h,
                        std::max(barW * 0.8, 0.5), h, colorFor(sqnr), i,
                        esc(tensors[i].name), db(sqnr));
  }
  os << llvm::formatv("<text x=\"{0}\" y=\"{1}\" font-size=\"11\" "
                      "text-anchor=\"middle\">quantized tensors in graph "
                      "order ({2})</text>\n",
                      left + plotW / 2, height - 10, n);
  os << "</svg>\n";
}

void qnt::writeHtmlReport(const ConvertOptions &options,
                          const ConvertResult &result, llvm::raw_ostream &os) {
  os << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
     << "<title>qnt quantization report: " << esc(options.inputPath)
     << "</title>\n"
     << "<style>body{font-family:sans-serif;margin:24px;color:#222}"
        "table{border-collapse:collapse;font-size:13px}"
        "td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}"
        "td.name,th.name{text-align:left;font-family:monospace}"
        "tr.worst{background:#fdecea}h2{margin-top:28px}"
        ".flags{font-family:monospace;background:#eee;padding:1px 4px}"
        "</style></head><body>\n";
  os << "<h1>Quantization report</h1>\n<p id=\"summary\">"
     << esc(options.inputPath) << " &rarr; " << esc(options.outputPath)
     << ", mode <b>" << esc(result.modeName) << "</b>";
  if (!result.targetName.empty())
    os << ", target <b>" << esc(result.targetName) << "</b> ("
       << esc(result.targetDescription) << ")";
  if (result.calibrationSamples)
    os << ", calibrated on " << result.calibrationSamples << " samples ("
       << esc(options.calibrationMethod) << ")";
  os << ". Size " << result.inputBytes << " &rarr; " << result.outputBytes
     << " bytes";
  if (options.packInt4)
    os << " (" << result.int4Tensors << " constants packed as INT4)";
  else if (result.packedBytes)
    os << " (" << result.packedBytes << " bytes with 4-bit weights packed)";
  os << ".</p>\n";
  os << "<p id=\"ops\">Ops: " << result.ops.total << " total, "
     << result.ops.integer << " integer, " << result.ops.hybrid
     << " hybrid, " << result.ops.floating << " float.</p>\n<ul>\n";
  for (const FloatReason &r : result.ops.floatReasons)
    os << "<li>" << r.ops.size() << " float: " << esc(r.reason) << " ("
       << esc(llvm::join(r.ops, ", ")) << ")</li>\n";
  os << "</ul>\n";

  if (!result.layers.empty()) {
    os << "<h2>Precision per layer</h2>\n<table id=\"layers\"><tr>"
          "<th class=\"name\">op</th><th class=\"name\">tensor</th>"
          "<th class=\"name\">precision</th><th class=\"name\">weights</th>"
          "<th class=\"name\">why</th></tr>\n";
    for (const LayerPrecision &layer : result.layers)
      os << "<tr><td class=\"name\">" << esc(layer.op)
         << "</td><td class=\"name\">" << esc(layer.tensor)
         << "</td><td class=\"name\">" << esc(layer.precision)
         << "</td><td class=\"name\">" << esc(layer.weights)
         << "</td><td class=\"name\">" << esc(layer.why) << "</td></tr>\n";
    os << "</table>\n";
  }

  os << "<h2>Outputs</h2>\n<p>Evaluated on " << esc(result.evalSource)
     << ".</p>\n<table id=\"outputs\"><tr><th class=\"name\">output</th>"
        "<th>SQNR dB</th><th>max abs error</th><th>MSE</th>"
        "<th>top-1 agreement</th></tr>\n";
  for (const OutputStats &o : result.outputs) {
    os << "<tr><td class=\"name\">" << esc(o.values.name) << "</td><td>"
       << db(o.values.sqnrDb()) << "</td><td>" << num(o.values.maxAbsError)
       << "</td><td>" << num(o.values.mse()) << "</td><td>";
    if (o.top1Agree)
      os << *o.top1Agree << "/" << o.top1Rows;
    os << "</td></tr>\n";
  }
  os << "</table>\n";

  os << "<h2>SQNR per layer</h2>\n";
  writeChart(result, os);

  os << "<h2>Worst layers</h2>\n";
  if (result.worst.empty())
    os << "<p>None measured.</p>\n";
  else {
    os << "<ol id=\"worst\">\n";
    for (auto &[index, s] : result.worst)
      os << "<li><b class=\"name\">" << esc(s.tensor) << "</b> ("
         << esc(result.tensors[index].opName) << "), SQNR "
         << db(result.tensors[index].sqnrDb()) << " dB: <i>" << esc(s.kind)
         << "</i>: " << esc(s.text) << ". Try <span class=\"flags\">"
         << esc(llvm::join(s.flags, " ")) << "</span></li>\n";
    os << "</ol>\n";
  }
  if (!result.trials.empty()) {
    os << "<h2>Suggestions tried</h2>\n<table id=\"trials\"><tr>"
          "<th class=\"name\">suggestion</th><th class=\"name\">flags</th>"
          "<th>mean output SQNR dB</th><th>gain dB</th></tr>\n";
    os << "<tr><td class=\"name\">as converted</td><td></td><td>"
       << db(result.meanSqnrDb) << "</td><td></td></tr>\n";
    for (const SuggestionTrial &t : result.trials) {
      os << "<tr><td class=\"name\">" << esc(t.description)
         << "</td><td class=\"name\">" << esc(llvm::join(t.flags, " "))
         << "</td>";
      if (t.error.empty())
        os << "<td>" << db(t.meanSqnrDb) << "</td><td>"
           << (t.gainDb >= 0 ? "+" : "") << db(t.gainDb) << "</td>";
      else
        os << "<td colspan=\"2\">failed: " << esc(t.error) << "</td>";
      os << "</tr>\n";
    }
    os << "</table>\n";
  }

  os << "<h2>Quantized tensors</h2>\n<table id=\"tensors\"><tr><th>#</th>"
        "<th class=\"name\">tensor</th><th class=\"name\">op</th>"
        "<th class=\"name\">type</th><th>SQNR dB</th><th>MSE</th>"
        "<th>max abs error</th><th>range used</th><th>range observed</th>"
        "<th>clipped</th></tr>\n";
  for (auto [i, t] : llvm::enumerate(result.tensors)) {
    bool worst = llvm::any_of(result.worst,
                              [&](auto &w) { return w.first == i; });
    os << "<tr" << (worst ? " class=\"worst\"" : "") << "><td>" << i
       << "</td><td class=\"name\">" << esc(t.name) << "</td><td class=\"name\">"
       << esc(t.opName) << "</td><td class=\"name\">" << esc(t.type)
       << "</td><td>" << db(t.sqnrDb()) << "</td><td>" << num(t.mse())
       << "</td><td>" << num(t.maxAbsError) << "</td><td>[" << num(t.usedMin)
       << ", " << num(t.usedMax) << "]</td><td>[" << num(t.observedMin)
       << ", " << num(t.observedMax) << "]</td><td>"
       << llvm::formatv("{0:F3}%", 100 * t.clippedFraction()) << "</td></tr>\n";
  }
  os << "</table>\n</body></html>\n";
}

llvm::Error qnt::writeReport(llvm::StringRef path,
                             const ConvertOptions &options,
                             const ConvertResult &result) {
  bool json = path.ends_with_insensitive(".json");
  return llvm::writeToOutput(path, [&](llvm::raw_ostream &os) {
    if (json)
      writeJsonReport(options, result, os);
    else
      writeHtmlReport(options, result, os);
    return llvm::Error::success();
  });
}
