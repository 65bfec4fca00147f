//===- Report.h - The quantization report of qnt-convert ---------*- C++ -*-===//
//
// A conversion's measurements as JSON (for scripts) or as one self-contained
// HTML page (no scripts, no external resources): the summary, a per-layer
// SQNR chart in inline SVG, the table of every quantized tensor in graph
// order, the worst layers with a suggestion, and the suggestions tried.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_CONVERT_REPORT_H
#define QNT_CONVERT_REPORT_H

#include "qnt/Convert/Convert.h"

namespace qnt {

void writeJsonReport(const ConvertOptions &options,
                     const ConvertResult &result, llvm::raw_ostream &os);
void writeHtmlReport(const ConvertOptions &options,
                     const ConvertResult &result, llvm::raw_ostream &os);

/// Writes \p path (.json or .html, atomically).
llvm::Error writeReport(llvm::StringRef path, const ConvertOptions &options,
                        const ConvertResult &result);

} // namespace qnt

#endif // QNT_CONVERT_REPORT_H
