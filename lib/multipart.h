/*
 * multipart/form-data bodies (RFC 7578).
 *
 * Each part must carry Content-Disposition: form-data with a name.  Parts
 * with a filename are files: their value is binary (value_len counts it),
 * filename keeps only the last path component and must be valid text.
 * Other parts are text fields and must be eco_text_valid(multiline: true).
 */
#ifndef ECO_MULTIPART_H
#define ECO_MULTIPART_H

#include <stddef.h>

#include "params.h"

struct eco_arena;

/*
 * Extracts the boundary parameter of a Content-Type header value into the
 * arena; NULL when there is none or it is longer than 70 characters.
 */
const char *eco_multipart_boundary(struct eco_arena *, const char *content_type);

enum eco_parse_result eco_multipart_parse(struct eco_arena *, const char *body,
	    size_t len, const char *boundary, const struct eco_limits *,
	    struct eco_params *);

#endif
