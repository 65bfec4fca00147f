//===- ProgressBar.cpp - Terminal progress of a long loop -----------------===//

#include "qnt/Support/ProgressBar.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>

using namespace qnt;

/// Redraws closer together than this would only cost time.
static constexpr std::chrono::milliseconds kRedrawInterval(100);

/// "m:ss", or "h:mm:ss" from an hour on.
static std::string formatDuration(double seconds) {
  uint64_t total = static_cast<uint64_t>(std::llround(seconds));
  uint64_t hours = total / 3600, minutes = (total / 60) % 60, secs = total % 60;
  std::string text;
  llvm::raw_string_ostream os(text);
  if (hours)
    os << hours << ':' << llvm::format("%02u", unsigned(minutes));
  else
    os << minutes;
  os << ':' << llvm::format("%02u", unsigned(secs));
  return text;
}

std::string ProgressBar::format(llvm::StringRef label, uint64_t done,
                                uint64_t total, double elapsedSeconds,
                                unsigned barWidth) {
  done = std::min(done, total);
  unsigned filled =
      total ? static_cast<unsigned>(done * barWidth / total) : barWidth;
  std::string text;
  llvm::raw_string_ostream os(text);
  os << label << " [" << std::string(filled, '#')
     << std::string(barWidth - filled, '.') << "] ";
  // Right-align the count so the line does not jitter as it grows.
  std::string totalText = std::to_string(total);
  os << llvm::right_justify(std::to_string(done), totalText.size()) << '/'
     << totalText;
  if (done > 0 && elapsedSeconds > 0) {
    double rate = done / elapsedSeconds;
    os << "  " << llvm::format("%.1f", rate) << " samples/s";
    if (done < total)
      os << "  ETA " << formatDuration((total - done) / rate);
    else
      os << "  in " << formatDuration(elapsedSeconds);
  }
  return text;
}

ProgressBar::ProgressBar(llvm::StringRef label, uint64_t total)
    : ProgressBar(label, total, llvm::errs(),
                  llvm::sys::Process::StandardErrIsDisplayed()) {}

ProgressBar::ProgressBar(llvm::StringRef label, uint64_t total,
                         llvm::raw_ostream &os, bool enabled)
    : label(label.str()), total(total), os(os), enabled(enabled),
      start(Clock::now()), lastDraw(start) {
  if (enabled)
    draw(0);
}

ProgressBar::~ProgressBar() { finish(); }

uint64_t ProgressBar::getDone() const {
  std::lock_guard<std::mutex> lock(mutex);
  return done;
}

void ProgressBar::advance(uint64_t count) {
  std::lock_guard<std::mutex> lock(mutex);
  done += count;
  if (!enabled || finished)
    return;
  Clock::time_point now = Clock::now();
  if (now - lastDraw < kRedrawInterval && done < total)
    return;
  lastDraw = now;
  draw(done);
}

void ProgressBar::finish() {
  std::lock_guard<std::mutex> lock(mutex);
  if (finished)
    return;
  finished = true;
  if (!enabled)
    return;
  draw(done);
  os << '\n';
  os.flush();
}

void ProgressBar::draw(uint64_t doneNow) {
  double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  std::string line = format(label, doneNow, total, elapsed);
  // Blank out what is left of a longer previous line.
  size_t length = line.size();
  if (length < lastLength)
    line.append(lastLength - length, ' ');
  lastLength = length;
  os << '\r' << line;
  os.flush();
}
