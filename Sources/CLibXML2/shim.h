// libxml2's HTML parser (Debian's libxml2-dev) and zlib, for reading saved web pages.
//
// Debian's libxml2 is built with ICU, and its encoding.h includes <unicode/ucnv.h>, whose types
// clash with the ICU that Foundation carries. Linimasa never touches libxml2's converters, so the
// header is kept out and its two types declared opaque.
#ifndef UCNV_H
#define UCNV_H
typedef struct UConverter UConverter;
typedef unsigned short UChar;
#endif
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <zlib.h>
