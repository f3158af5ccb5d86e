#ifndef PFOCR_CLIBCRYPTO_SHIM_H
#define PFOCR_CLIBCRYPTO_SHIM_H
// OpenSSL's libcrypto, for SHA-256 only (through the EVP digest interface, which OpenSSL 3
// keeps undeprecated).
#include <openssl/evp.h>
#endif
