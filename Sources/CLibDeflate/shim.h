#ifndef PFOCR_CLIBDEFLATE_SHIM_H
#define PFOCR_CLIBDEFLATE_SHIM_H
// libdeflate (Debian libdeflate-dev): whole-buffer gzip compression of the output blocks
// (`--compress gzip`, `--archive`); the tests use its decompressor to read them back.
#include <libdeflate.h>
#endif
