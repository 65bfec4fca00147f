//===- ProgressBar.h - Terminal progress of a long loop ---------*- C++ -*-===//
//
// A one-line progress bar for loops over samples (calibration, evaluation):
//
//   calibrating [##########..........]  50/100  23.4 samples/s  ETA 0:02
//
// It is drawn on stderr only when stderr is a terminal, so logs, pipes and
// tests see nothing. advance() may be called from several threads; the line
// is redrawn at most ten times a second.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_SUPPORT_PROGRESSBAR_H
#define QNT_SUPPORT_PROGRESSBAR_H

#include "llvm/ADT/StringRef.h"

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace qnt {

class ProgressBar {
public:
  /// A bar on stderr, drawn only if stderr is displayed on a terminal.
  ProgressBar(llvm::StringRef label, uint64_t total);
  /// A bar on \p os, drawn only if \p enabled.
  ProgressBar(llvm::StringRef label, uint64_t total, llvm::raw_ostream &os,
              bool enabled);
  /// Calls finish().
  ~ProgressBar();

  ProgressBar(const ProgressBar &) = delete;
  ProgressBar &operator=(const ProgressBar &) = delete;

  /// Counts \p count more items as done. Thread-safe.
  void advance(uint64_t count = 1);
  /// Draws the final state and ends the line. Further calls do nothing.
  void finish();

  bool isEnabled() const { return enabled; }
  uint64_t getDone() const;

  /// The text of the line for \p done of \p total items after
  /// \p elapsedSeconds, with a bar \p barWidth characters wide. The rate and
  /// ETA are left out until some time has passed and something is done.
  static std::string format(llvm::StringRef label, uint64_t done,
                            uint64_t total, double elapsedSeconds,
                            unsigned barWidth = 20);

private:
  using Clock = std::chrono::steady_clock;

  void draw(uint64_t done);

  std::string label;
  uint64_t total;
  llvm::raw_ostream &os;
  bool enabled;
  bool finished = false;
  Clock::time_point start;
  Clock::time_point lastDraw;
  uint64_t done = 0;
  size_t lastLength = 0;
  mutable std::mutex mutex;
};

} // namespace qnt

#endif // QNT_SUPPORT_PROGRESSBAR_H
