/*
 * JSON that PostgreSQL made (json_build_object, json_agg), read into
 * jansson values.
 *
 * jansson's reader takes some 20 ns a byte: a court case's 2 KB document
 * cost it about 45 µs, more than all the rest of the case page's C.  This
 * reader builds the same values several times faster.  It still reads
 * strictly (RFC 8259; strings valid UTF-8 without NUL, as jansson wants
 * them), so nothing malformed gets through, but it says only that the text
 * was not JSON: text from outside goes to jansson (lib/jsonbody.c), whose
 * messages say where and why.
 */
#ifndef ECO_DBJSON_H
#define ECO_DBJSON_H

#include <jansson.h>

/*
 * The value of text (NUL-terminated), with a reference of the caller's.
 * NULL when text is NULL (a NULL column) or is not one JSON value, nests
 * deeper than 64 or has a number too large for a double, or when memory
 * ran out.  Unlike json_loads without flags, it reads a value that is not
 * an array or object too, and an integer beyond 64 bits as a real.
 */
json_t	*eco_dbjson_parse(const char *text);

#endif
