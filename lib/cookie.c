/*
 * The Cookie request header (RFC 6265, section 5.4 and the cookie-name
 * grammar of section 4.1.1).
 *
 * Browsers send "a=1; b=2".  We read it the forgiving way RFC 6265 asks of
 * user agents: a pair we cannot use is skipped, never the whole header,
 * because cookies of other applications on the same host end up here too.
 * Values are not percent-decoded: our own cookies never need it, and
 * decoding would give a second spelling of the same value.
 */
#include <stdbool.h>
#include <string.h>

#include "arena.h"
#include "cookie.h"
#include "params.h"
#include "utf8.h"

/* A token character of RFC 2616 section 2.2, which RFC 6265 names use. */
static bool
is_token_char(unsigned char c)
{
	if (c <= 0x20 || c >= 0x7f)
		return false;
	return strchr("()<>@,;:\\\"/[]?={}", c) == NULL;
}

static bool
is_token(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!is_token_char((unsigned char)s[i]))
			return false;
	return n > 0;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* Narrows [*s, *s + *n) to drop spaces and tabs at both ends. */
static void
trim(const char **s, size_t *n)
{
	while (*n > 0 && is_space((*s)[0])) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && is_space((*s)[*n - 1]))
		(*n)--;
}

/* Checks one "name=value" piece and appends it; false if it was skipped. */
static bool
add_cookie(struct eco_arena *a, const char *s, size_t n,
    const struct eco_limits *lim, struct eco_params *ps)
{
	struct eco_param p = { 0 };
	const char *eq = memchr(s, '=', n);
	const char *name, *value;
	size_t namelen, valuelen;

	if (eq == NULL)
		return false;
	name = s;
	namelen = (size_t)(eq - s);
	value = eq + 1;
	valuelen = n - namelen - 1;
	trim(&name, &namelen);
	trim(&value, &valuelen);
	/* RFC 6265 allows quotes around a value; they are not part of it. */
	if (valuelen >= 2 && value[0] == '"' && value[valuelen - 1] == '"') {
		value++;
		valuelen -= 2;
	}
	if (!is_token(name, namelen) || namelen > lim->max_name)
		return false;
	if (valuelen > lim->max_value ||
	    !eco_text_valid(value, valuelen, false))
		return false;
	p.name = eco_strndup(a, name, namelen);
	p.value = eco_strndup(a, value, valuelen);
	p.value_len = valuelen;
	eco_params_add(a, ps, &p);
	return true;
}

/*
 * Appends the usable cookies of header (which may be NULL when the request
 * had none) to ps in order, at most max_fields of them.
 */
void
eco_cookies_parse(struct eco_arena *a, const char *header,
    const struct eco_limits *lim, struct eco_params *ps)
{
	const char *s = header;
	size_t count = 0;

	if (header == NULL)
		return;
	if (lim == NULL)
		lim = &eco_default_limits;
	while (*s != '\0' && count < lim->max_fields) {
		size_t len = strcspn(s, ";");

		if (add_cookie(a, s, len, lim, ps))
			count++;
		s += len;
		if (*s == ';')
			s++;
	}
}
