/*
 * Query strings and application/x-www-form-urlencoded bodies.
 *
 * The format of the WHATWG URL standard ("application/x-www-form-urlencoded
 * parsing"), but strict where that standard is lenient: a '%' that does not
 * start two hex digits is an error instead of a literal '%', because a
 * mangled escape usually means a broken client or someone probing, and
 * guessing what they meant helps neither.  Only '&' separates pairs; the
 * old ';' separator would let a proxy and this parser disagree about where
 * a value ends.
 */
#include <stdbool.h>
#include <string.h>

#include "arena.h"
#include "params.h"
#include "urlencoded.h"
#include "utf8.h"

/* Value of one hex digit, or -1. */
static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Decodes n bytes of s ('+' is a space, %XX a byte) into a NUL-terminated
 * arena copy.  The decoded form is never longer than the encoded one, so one
 * allocation of n + 1 bytes is enough.  Returns NULL on a bad escape.
 */
static char *
decode(struct eco_arena *a, const char *s, size_t n, size_t *outlen)
{
	char *out = eco_alloc(a, n + 1);
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '+') {
			out[o++] = ' ';
		} else if (s[i] == '%') {
			int hi, lo;

			if (n - i < 3 || (hi = hexval(s[i + 1])) < 0 ||
			    (lo = hexval(s[i + 2])) < 0)
				return NULL;
			out[o++] = (char)(hi << 4 | lo);
			i += 2;
		} else
			out[o++] = s[i];
	}
	out[o] = '\0';
	*outlen = o;
	return out;
}

/* Decodes and checks one "name=value" pair (n > 0) and appends it. */
static enum eco_parse_result
add_pair(struct eco_arena *a, const char *s, size_t n,
    const struct eco_limits *lim, struct eco_params *ps)
{
	struct eco_param p = { 0 };
	const char *eq = memchr(s, '=', n);
	size_t rawname = eq ? (size_t)(eq - s) : n;
	size_t namelen;
	char *name, *value;

	/* "=x" has a value nobody can ask for: a broken form, not a field. */
	if (rawname == 0)
		return ECO_PARSE_MALFORMED;
	if ((name = decode(a, s, rawname, &namelen)) == NULL)
		return ECO_PARSE_MALFORMED;
	if (eq != NULL) {
		value = decode(a, eq + 1, n - rawname - 1, &p.value_len);
		if (value == NULL)
			return ECO_PARSE_MALFORMED;
	} else
		value = eco_strdup(a, "");
	if (namelen > lim->max_name || p.value_len > lim->max_value)
		return ECO_PARSE_TOO_LONG;
	if (!eco_text_valid(name, namelen, true) ||
	    !eco_text_valid(value, p.value_len, true))
		return ECO_PARSE_BAD_TEXT;
	p.name = name;
	p.value = value;
	eco_params_add(a, ps, &p);
	return ECO_PARSE_OK;
}

/*
 * Appends the pairs of s (n bytes, not necessarily NUL-terminated) to ps in
 * order.  On an error ps may already hold the pairs before the bad one; the
 * caller refuses the whole request anyway.
 */
enum eco_parse_result
eco_urlencoded_parse(struct eco_arena *a, const char *s, size_t n,
    const struct eco_limits *lim, struct eco_params *ps)
{
	enum eco_parse_result r;
	size_t pos = 0, count = 0;

	if (lim == NULL)
		lim = &eco_default_limits;
	while (pos < n) {
		const char *amp = memchr(s + pos, '&', n - pos);
		size_t len = amp ? (size_t)(amp - (s + pos)) : n - pos;

		if (len > 0) {
			if (count == lim->max_fields)
				return ECO_PARSE_TOO_MANY;
			r = add_pair(a, s + pos, len, lim, ps);
			if (r != ECO_PARSE_OK)
				return r;
			count++;
		}
		pos += len + 1;
	}
	return ECO_PARSE_OK;
}
