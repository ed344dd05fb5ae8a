/*
 * An ordered list of name/value pairs: query strings, form fields, cookies.
 * Values are NUL-terminated; value_len also counts embedded bytes of binary
 * multipart file parts.
 */
#ifndef ECO_PARAMS_H
#define ECO_PARAMS_H

#include <stddef.h>

struct eco_arena;

struct eco_param {
	const char	*name;
	const char	*value;
	size_t		 value_len;
	const char	*filename;	/* multipart file part, else NULL */
	const char	*content_type;	/* multipart part's type, else NULL */
};

struct eco_params {
	struct eco_param	*items;
	size_t			 count;
	size_t			 cap;
};

/* Limits applied by every parser of outside input. */
struct eco_limits {
	size_t	max_fields;	/* pairs in one query, form or cookie header */
	size_t	max_name;	/* bytes in a field name */
	size_t	max_value;	/* bytes in a text field value */
	size_t	max_file;	/* bytes in one multipart file part */
};

extern const struct eco_limits eco_default_limits;

/* Result of a parser; ECO_PARSE_OK is zero. */
enum eco_parse_result {
	ECO_PARSE_OK = 0,
	ECO_PARSE_MALFORMED,	/* syntax error, bad escape */
	ECO_PARSE_BAD_TEXT,	/* invalid UTF-8 or a control character */
	ECO_PARSE_TOO_MANY,	/* more than max_fields */
	ECO_PARSE_TOO_LONG,	/* a name or value over its limit */
	ECO_PARSE_FILE_TOO_LARGE /* a multipart file over max_file */
};

void	eco_params_add(struct eco_arena *, struct eco_params *,
	    const struct eco_param *);
/* The first pair with this name, or NULL. */
const struct eco_param *eco_params_find(const struct eco_params *, const char *);
/* Its value, or NULL. */
const char *eco_params_get(const struct eco_params *, const char *);

#endif
