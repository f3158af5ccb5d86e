#ifndef PFOCR_CLIBZSTD_SHIM_H
#define PFOCR_CLIBZSTD_SHIM_H
// libzstd (Debian libzstd-dev): whole-buffer zstd compression of the output blocks
// (`--compress zstd`); the tests use its decompressor to read them back.
#include <zstd.h>
#endif
