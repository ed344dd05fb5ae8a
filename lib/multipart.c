/*
 * multipart/form-data bodies (RFC 7578 on top of RFC 2046, section 5.1).
 *
 *	preamble CRLF --boundary CRLF
 *	Content-Disposition: form-data; name="a" CRLF
 *	CRLF
 *	value CRLF --boundary CRLF
 *	...
 *	CRLF --boundary-- epilogue
 *
 * The parser is strict: lines end in CRLF, every part names itself in a
 * Content-Disposition header, and the close delimiter must be there.  A
 * lenient reader of a format that two programs (nginx and us, or a virus
 * scanner and us) read differently is where smuggling starts.
 *
 * Every search is memmem() from where the previous one stopped, and the
 * header block of a part is searched in at most HEADER_MAX bytes, so the
 * work is linear in the body size whatever the body holds.
 */
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "multipart.h"
#include "params.h"
#include "utf8.h"

#define BOUNDARY_MAX	70		/* RFC 2046 */
#define HEADER_MAX	(8 * 1024)	/* one part's header block */

/* A piece of the input, not NUL-terminated. */
struct span {
	const char	*p;
	size_t		 n;
};

/* Reading position in a header value. */
struct cursor {
	const char	*p;
	const char	*end;
};

/* What the headers of one part say. */
struct part {
	bool		 has_disposition;
	char		*name;
	size_t		 namelen;
	char		*filename;	/* NULL: a text field */
	size_t		 filenamelen;
	char		*content_type;
};

static bool
is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* A token character (RFC 7230 tchar): header and parameter names. */
static bool
is_tchar(unsigned char c)
{
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z'))
		return true;
	return c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

/* A character allowed in a boundary (RFC 2046 bchars). */
static bool
is_bchar(unsigned char c)
{
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z'))
		return true;
	return c != '\0' && strchr("'()+_,-./:=? ", c) != NULL;
}

static bool
valid_boundary(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > BOUNDARY_MAX || s[n - 1] == ' ')
		return false;
	for (i = 0; i < n; i++)
		if (!is_bchar((unsigned char)s[i]))
			return false;
	return true;
}

/* Case-insensitive comparison of a span with a literal. */
static bool
span_is(struct span s, const char *lit)
{
	return s.n == strlen(lit) && strncasecmp(s.p, lit, s.n) == 0;
}

static void
skip_ows(struct cursor *c)
{
	while (c->p < c->end && is_space(*c->p))
		c->p++;
}

static bool
read_token(struct cursor *c, struct span *t)
{
	t->p = c->p;
	while (c->p < c->end && is_tchar((unsigned char)*c->p))
		c->p++;
	t->n = (size_t)(c->p - t->p);
	return t->n > 0;
}

/*
 * Backslash escapes only '"' and '\' inside a quoted string.  Before any
 * other character it is kept: old browsers sent Windows paths such as
 * "C:\dir\a.txt" unescaped, and the file name is the part after the last
 * '\', which must survive.
 */
static bool
is_escape(const char *p, const char *end)
{
	return p[0] == '\\' && p + 1 < end && (p[1] == '"' || p[1] == '\\');
}

/* A quoted string at c (c->p at the opening quote), unescaped into *out. */
static bool
read_quoted(struct eco_arena *a, struct cursor *c, char **out, size_t *outlen)
{
	const char *s = c->p + 1, *q;
	char *o;
	size_t n = 0;

	/* Find the closing quote first so the copy is no larger than needed. */
	for (q = s; q < c->end && *q != '"'; q++)
		if (is_escape(q, c->end))
			q++;
	if (q >= c->end)
		return false;
	o = eco_alloc(a, (size_t)(q - s) + 1);
	while (s < q) {
		if (is_escape(s, q))
			s++;
		o[n++] = *s++;
	}
	o[n] = '\0';
	*out = o;
	*outlen = n;
	c->p = q + 1;
	return true;
}

/*
 * A parameter value: a quoted string or a bare word.  Bare words are read
 * a little wider than RFC 2045 tokens (anything but controls, space, ';'
 * and '"') because mail libraries send boundaries like ----=_Part_1
 * unquoted; the callers check what they need.
 */
static bool
read_value(struct eco_arena *a, struct cursor *c, char **out, size_t *outlen)
{
	const char *start = c->p;

	if (c->p < c->end && *c->p == '"')
		return read_quoted(a, c, out, outlen);
	while (c->p < c->end) {
		unsigned char ch = (unsigned char)*c->p;

		if (ch < 0x20 || ch == 0x7f || ch == ' ' || ch == ';' ||
		    ch == '"')
			break;
		c->p++;
	}
	if (c->p == start)
		return false;
	*outlen = (size_t)(c->p - start);
	*out = eco_strndup(a, start, *outlen);
	return true;
}

/*
 * The next "; name=value" parameter of a header value.  Returns 1 with the
 * parameter, 0 at the end of the value, -1 on a syntax error.  Empty
 * parameters (";;", a trailing ';') are passed over.
 */
static int
next_param(struct eco_arena *a, struct cursor *c, struct span *name,
    char **value, size_t *valuelen)
{
	skip_ows(c);
	if (c->p == c->end)
		return 0;
	if (*c->p != ';')
		return -1;
	do {
		c->p++;
		skip_ows(c);
	} while (c->p < c->end && *c->p == ';');
	if (c->p == c->end)
		return 0;
	if (!read_token(c, name) || c->p == c->end || *c->p != '=')
		return -1;
	c->p++;
	return read_value(a, c, value, valuelen) ? 1 : -1;
}

const char *
eco_multipart_boundary(struct eco_arena *a, const char *content_type)
{
	struct cursor c;
	struct span type, subtype, name;
	char *value, *boundary = NULL;
	size_t len, boundarylen = 0;
	int r;

	if (content_type == NULL)
		return NULL;
	c.p = content_type;
	c.end = content_type + strlen(content_type);
	skip_ows(&c);
	if (!read_token(&c, &type) || c.p == c.end || *c.p != '/')
		return NULL;
	c.p++;
	if (!read_token(&c, &subtype))
		return NULL;
	while ((r = next_param(a, &c, &name, &value, &len)) == 1) {
		if (!span_is(name, "boundary"))
			continue;
		/* Two boundaries: which one the sender meant is a guess. */
		if (boundary != NULL)
			return NULL;
		boundary = value;
		boundarylen = len;
	}
	if (r < 0 || boundary == NULL || !valid_boundary(boundary, boundarylen))
		return NULL;
	return boundary;
}

/* Content-Disposition: form-data; name="..."[; filename="..."] */
static enum eco_parse_result
parse_disposition(struct eco_arena *a, const char *s, size_t n,
    struct part *part)
{
	struct cursor c = { s, s + n };
	struct span type, name;
	char *value;
	size_t len;
	int r;

	if (!read_token(&c, &type) || !span_is(type, "form-data"))
		return ECO_PARSE_MALFORMED;
	while ((r = next_param(a, &c, &name, &value, &len)) == 1) {
		if (span_is(name, "name")) {
			if (part->name != NULL)
				return ECO_PARSE_MALFORMED;
			part->name = value;
			part->namelen = len;
		} else if (span_is(name, "filename")) {
			if (part->filename != NULL)
				return ECO_PARSE_MALFORMED;
			part->filename = value;
			part->filenamelen = len;
		}
		/* Others (filename* of RFC 5987 among them) are ignored. */
	}
	if (r < 0 || part->name == NULL)
		return ECO_PARSE_MALFORMED;
	return ECO_PARSE_OK;
}

/* One header line, without its CRLF. */
static enum eco_parse_result
parse_header(struct eco_arena *a, const char *s, size_t n, struct part *part)
{
	const char *colon = memchr(s, ':', n);
	struct cursor c;
	struct span name;
	size_t len;

	if (memchr(s, '\r', n) != NULL || memchr(s, '\n', n) != NULL)
		return ECO_PARSE_MALFORMED;
	if (colon == NULL)
		return ECO_PARSE_MALFORMED;
	/* The name is a token right up to the colon (RFC 7230, 3.2.4). */
	c.p = s;
	c.end = colon;
	if (!read_token(&c, &name) || c.p != colon)
		return ECO_PARSE_MALFORMED;
	c.p = colon + 1;
	c.end = s + n;
	skip_ows(&c);
	while (c.end > c.p && is_space(c.end[-1]))
		c.end--;
	len = (size_t)(c.end - c.p);
	if (span_is(name, "Content-Disposition")) {
		if (part->has_disposition)
			return ECO_PARSE_MALFORMED;
		part->has_disposition = true;
		return parse_disposition(a, c.p, len, part);
	}
	if (span_is(name, "Content-Type")) {
		if (part->content_type != NULL)
			return ECO_PARSE_MALFORMED;
		if (!eco_text_valid(c.p, len, false))
			return ECO_PARSE_BAD_TEXT;
		part->content_type = eco_strndup(a, c.p, len);
	}
	return ECO_PARSE_OK;
}

/* The header block of a part: lines that each end in CRLF. */
static enum eco_parse_result
parse_headers(struct eco_arena *a, const char *s, size_t n, struct part *part)
{
	enum eco_parse_result r;

	while (n > 0) {
		const char *eol = memmem(s, n, "\r\n", 2);
		size_t len;

		if (eol == NULL)
			return ECO_PARSE_MALFORMED;
		len = (size_t)(eol - s);
		if ((r = parse_header(a, s, len, part)) != ECO_PARSE_OK)
			return r;
		s += len + 2;
		n -= len + 2;
	}
	return part->has_disposition ? ECO_PARSE_OK : ECO_PARSE_MALFORMED;
}

/* The file name without any directory a browser may have sent. */
static const char *
last_component(const char *s, size_t n, size_t *len)
{
	size_t i = n;

	while (i > 0 && s[i - 1] != '/' && s[i - 1] != '\\')
		i--;
	*len = n - i;
	return s + i;
}

/* Checks the part against the limits and appends it. */
static enum eco_parse_result
add_part(struct eco_arena *a, const struct part *part, const char *v,
    size_t n, const struct eco_limits *lim, struct eco_params *ps)
{
	struct eco_param p = { 0 };
	size_t len;

	if (part->namelen == 0)
		return ECO_PARSE_MALFORMED;
	if (part->namelen > lim->max_name)
		return ECO_PARSE_TOO_LONG;
	if (!eco_text_valid(part->name, part->namelen, false))
		return ECO_PARSE_BAD_TEXT;
	if (part->filename != NULL) {
		/* An empty file name is a file input left empty: kept. */
		if (n > lim->max_file)
			return ECO_PARSE_FILE_TOO_LARGE;
		p.filename = last_component(part->filename,
		    part->filenamelen, &len);
		if (!eco_text_valid(p.filename, len, false))
			return ECO_PARSE_BAD_TEXT;
	} else {
		if (n > lim->max_value)
			return ECO_PARSE_TOO_LONG;
		if (!eco_text_valid(v, n, true))
			return ECO_PARSE_BAD_TEXT;
	}
	p.name = part->name;
	p.value = eco_strndup(a, v, n);
	p.value_len = n;
	p.content_type = part->content_type;
	eco_params_add(a, ps, &p);
	return ECO_PARSE_OK;
}

/*
 * The part that starts at *pos (just after a delimiter line): its headers,
 * a blank line, and its value up to CRLF--boundary.  *pos moves past that
 * next delimiter.
 */
static enum eco_parse_result
read_part(struct eco_arena *a, const char *body, size_t len, size_t *pos,
    const char *delim, size_t dlen, const struct eco_limits *lim,
    struct eco_params *ps)
{
	struct part part = { 0 };
	enum eco_parse_result r;
	const char *start = body + *pos, *blank, *value, *end;
	size_t window = len - *pos;

	if (window > HEADER_MAX)
		window = HEADER_MAX;
	/*
	 * A part without headers has no Content-Disposition, so the blank
	 * line is always searched after at least one header line.
	 */
	if ((blank = memmem(start, window, "\r\n\r\n", 4)) == NULL)
		return ECO_PARSE_MALFORMED;
	r = parse_headers(a, start, (size_t)(blank - start) + 2, &part);
	if (r != ECO_PARSE_OK)
		return r;
	value = blank + 4;
	end = memmem(value, len - (size_t)(value - body), delim, dlen);
	if (end == NULL)
		return ECO_PARSE_MALFORMED;
	if ((r = add_part(a, &part, value, (size_t)(end - value), lim,
	    ps)) != ECO_PARSE_OK)
		return r;
	*pos = (size_t)(end - body) + dlen;
	return ECO_PARSE_OK;
}

/*
 * *pos is just past "--boundary".  "--" makes it the close delimiter;
 * otherwise optional white space and CRLF must end the line, and *pos
 * moves to the next line.  Anything else ("--boundaryX") is a broken body.
 */
static enum eco_parse_result
end_of_delimiter(const char *body, size_t len, size_t *pos, bool *closed)
{
	size_t p = *pos;

	*closed = len - p >= 2 && body[p] == '-' && body[p + 1] == '-';
	if (*closed)
		return ECO_PARSE_OK;
	while (p < len && is_space(body[p]))
		p++;
	if (len - p < 2 || body[p] != '\r' || body[p + 1] != '\n')
		return ECO_PARSE_MALFORMED;
	*pos = p + 2;
	return ECO_PARSE_OK;
}

/*
 * Appends the parts of body to ps in order.  On an error ps may already
 * hold the parts before the bad one; the caller refuses the request anyway.
 */
enum eco_parse_result
eco_multipart_parse(struct eco_arena *a, const char *body, size_t len,
    const char *boundary, const struct eco_limits *lim, struct eco_params *ps)
{
	char delim[4 + BOUNDARY_MAX];	/* CRLF "--" boundary */
	enum eco_parse_result r;
	const char *first;
	size_t blen, dlen, pos, count = 0;
	bool closed;

	if (lim == NULL)
		lim = &eco_default_limits;
	if (boundary == NULL)
		return ECO_PARSE_MALFORMED;
	blen = strnlen(boundary, BOUNDARY_MAX + 1);
	if (!valid_boundary(boundary, blen))
		return ECO_PARSE_MALFORMED;
	memcpy(delim, "\r\n--", 4);
	memcpy(delim + 4, boundary, blen);
	dlen = 4 + blen;
	if (body == NULL || len < dlen - 2)
		return ECO_PARSE_MALFORMED;

	/* The first delimiter opens the body or follows a preamble's CRLF. */
	if (memcmp(body, delim + 2, dlen - 2) == 0)
		pos = dlen - 2;
	else if ((first = memmem(body, len, delim, dlen)) != NULL)
		pos = (size_t)(first - body) + dlen;
	else
		return ECO_PARSE_MALFORMED;

	for (;;) {
		if ((r = end_of_delimiter(body, len, &pos, &closed)) !=
		    ECO_PARSE_OK)
			return r;
		if (closed)
			return ECO_PARSE_OK;
		if (count == lim->max_fields)
			return ECO_PARSE_TOO_MANY;
		r = read_part(a, body, len, &pos, delim, dlen, lim, ps);
		if (r != ECO_PARSE_OK)
			return r;
		count++;
	}
}
