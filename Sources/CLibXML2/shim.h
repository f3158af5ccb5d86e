#ifndef PFOCR_CLIBXML2_SHIM_H
#define PFOCR_CLIBXML2_SHIM_H
// Debian builds libxml2 with ICU; importing its ICU-typed declarations next to Foundation
// fails with "'UErrorCode' has different definitions". Undefine the switch first.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#endif
