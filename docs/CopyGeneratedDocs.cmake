# cmake -DFROM=<build>/docs -DTO=<source>/docs/generated -P CopyGeneratedDocs.cmake
# Copies every Markdown file add_mlir_doc wrote, so a new dialect or pass
# file needs no change here.
file(GLOB_RECURSE docs RELATIVE ${FROM} ${FROM}/*.md)
if(NOT docs)
  message(FATAL_ERROR "no generated documentation under ${FROM}")
endif()
file(MAKE_DIRECTORY ${TO})
foreach(doc ${docs})
  get_filename_component(name ${doc} NAME)
  configure_file(${FROM}/${doc} ${TO}/${name} COPYONLY)
endforeach()
