//===- Npz.cpp - numpy .npz archives through libzip -----------------------===//

#include "qnt/Data/Npz.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/raw_ostream.h"

#include <zip.h>

#include <limits>
#include <memory>

using namespace llvm;

namespace qnt {

namespace {
/// Closes an archive opened for reading without writing anything back.
struct ArchiveCloser {
  void operator()(zip_t *archive) const { zip_discard(archive); }
};
using ArchivePtr = std::unique_ptr<zip_t, ArchiveCloser>;

std::string describeZipError(int code) {
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string message = zip_error_strerror(&error);
  zip_error_fini(&error);
  return message;
}

// Deflate cannot expand data by more than about 1032:1; a member claiming
// more is corrupt or hostile, and would make us allocate its claimed size.
constexpr uint64_t kMaxDeflateRatio = 1100;

Expected<std::vector<uint8_t>> readMember(zip_t *archive, zip_uint64_t index,
                                          const zip_stat_t &stat) {
  constexpr zip_uint64_t needed =
      ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD;
  if ((stat.valid & needed) != needed)
    return createStringError("archive entry lacks size information");
  if (stat.comp_method == ZIP_CM_STORE) {
    if (stat.size != stat.comp_size)
      return createStringError("stored entry has inconsistent sizes");
  } else if (stat.comp_method == ZIP_CM_DEFLATE) {
    if (stat.size / kMaxDeflateRatio > stat.comp_size + 1)
      return createStringError("entry claims " + Twine(stat.size) +
                               " bytes from " + Twine(stat.comp_size) +
                               " compressed bytes");
  } else {
    return createStringError("compression method " + Twine(stat.comp_method) +
                             " is not supported (expected stored or "
                             "deflated)");
  }
  if (stat.size > std::numeric_limits<size_t>::max() / 2)
    return createStringError("entry is too large");

  zip_file_t *file = zip_fopen_index(archive, index, 0);
  if (!file)
    return createStringError(Twine("cannot open entry: ") +
                             zip_strerror(archive));
  std::vector<uint8_t> data(stat.size);
  size_t filled = 0;
  std::string failure;
  while (true) {
    // Reading past the declared size makes libzip verify the CRC.
    uint8_t spare;
    void *dest = filled < data.size() ? data.data() + filled : &spare;
    zip_uint64_t want = filled < data.size() ? data.size() - filled : 1;
    zip_int64_t got = zip_fread(file, dest, want);
    if (got < 0) {
      failure = zip_file_strerror(file);
      break;
    }
    if (got == 0)
      break;
    if (filled == data.size()) {
      failure = "entry is longer than its declared size";
      break;
    }
    filled += got;
  }
  int closeCode = zip_fclose(file);
  if (failure.empty() && closeCode != 0)
    failure = describeZipError(closeCode);
  if (failure.empty() && filled != data.size())
    failure = "entry is shorter than its declared size";
  if (!failure.empty())
    return createStringError("cannot read entry: " + failure);
  return data;
}
} // namespace

Expected<std::vector<NamedArray>> readNpz(StringRef path) {
  int code = 0;
  ArchivePtr archive(
      zip_open(path.str().c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code));
  if (!archive) {
    // libzip's text for this ("File already exists") misleads when reading.
    std::string reason = code == ZIP_ER_EXISTS
                             ? "two members have the same name"
                             : describeZipError(code);
    return createStringError("cannot open '" + path +
                             "' as an .npz archive: " + reason);
  }
  zip_int64_t count = zip_get_num_entries(archive.get(), 0);
  if (count < 0)
    return createStringError("cannot list '" + path +
                             "': " + zip_strerror(archive.get()));

  std::vector<NamedArray> arrays;
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(archive.get(), i, 0, &stat) != 0 ||
        !(stat.valid & ZIP_STAT_NAME))
      return createStringError("'" + path + "': cannot read entry " + Twine(i) +
                               ": " + zip_strerror(archive.get()));
    StringRef member = stat.name;
    if (!member.ends_with(".npy"))
      return createStringError("'" + path + "': member '" + member +
                               "' is not a .npy file");
    // Duplicate names need no check here: zip_open refuses such archives.
    std::string name = member.drop_back(4).str();
    std::string context = ("'" + path + "': array '" + name + "'").str();
    Expected<std::vector<uint8_t>> data = readMember(archive.get(), i, stat);
    if (!data)
      return createStringError(context + ": " + toString(data.takeError()));
    Expected<NpyArray> array = readNpyFromMemory(*data, context);
    if (!array)
      return array.takeError();
    arrays.emplace_back(std::move(name), std::move(*array));
  }
  return arrays;
}

Error writeNpz(StringRef path, ArrayRef<NamedArray> arrays, bool compress) {
  auto fail = [&](const Twine &message) {
    return createStringError("cannot write '" + path + "': " + message);
  };
  // libzip deletes an archive left with no entries instead of writing it.
  if (arrays.empty())
    return fail("no arrays to write");
  StringSet<> seen;
  for (const NamedArray &entry : arrays) {
    if (entry.first.empty())
      return fail("an array has an empty name");
    if (!seen.insert(entry.first).second)
      return fail("array '" + entry.first + "' appears twice");
  }

  int code = 0;
  zip_t *archive =
      zip_open(path.str().c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
  if (!archive)
    return fail(describeZipError(code));
  // libzip reads the sources only in zip_close, so they must outlive it.
  std::vector<std::string> buffers;
  buffers.reserve(arrays.size());
  for (const NamedArray &entry : arrays) {
    buffers.emplace_back();
    raw_string_ostream os(buffers.back());
    writeNpy(os, entry.second);
    os.flush();
    zip_source_t *source = zip_source_buffer(archive, buffers.back().data(),
                                             buffers.back().size(), 0);
    zip_int64_t index =
        source ? zip_file_add(archive, (entry.first + ".npy").c_str(), source,
                              ZIP_FL_ENC_UTF_8)
               : -1;
    if (index < 0 ||
        zip_set_file_compression(
            archive, index, compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0) != 0) {
      std::string message = zip_strerror(archive);
      if (source && index < 0)
        zip_source_free(source);
      zip_discard(archive);
      return fail("array '" + entry.first + "': " + message);
    }
  }
  // zip_close writes a temporary file next to \p path and renames it.
  if (zip_close(archive) != 0) {
    std::string message = zip_strerror(archive);
    zip_discard(archive);
    return fail(message);
  }
  return Error::success();
}

} // namespace qnt
