/* JSON that PostgreSQL made, read into jansson values (see dbjson.h). */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "dbjson.h"
#include "utf8.h"

#define MAX_DEPTH	64

struct reader {
	const char	*p;
	int		 depth;
	const char	*str;	/* the last string read: its bytes, unescaped */
	size_t		 len;	/* (in the input itself or in buf) */
	char		*buf;	/* a string with escapes, unescaped */
	size_t		 blen, cap;
};

static json_t	*read_value(struct reader *);

static void
skip_space(struct reader *r)
{
	while (*r->p == ' ' || *r->p == '\n' || *r->p == '\r' || *r->p == '\t')
		r->p++;
}

/* Steps over c if it is next (never over the terminating NUL). */
static bool
eat(struct reader *r, char c)
{
	if (*r->p != c)
		return false;
	r->p++;
	return true;
}

static bool
put(struct reader *r, const char *s, size_t n)
{
	char *b;
	size_t cap;

	/* Allocated at the first string, so that "" has a buffer too. */
	if (r->buf == NULL || r->blen + n > r->cap) {
		cap = r->cap == 0 ? 256 : r->cap;
		while (cap < r->blen + n)
			cap *= 2;
		if ((b = realloc(r->buf, cap)) == NULL)
			return false;
		r->buf = b;
		r->cap = cap;
	}
	memcpy(r->buf + r->blen, s, n);
	r->blen += n;
	return true;
}

/* Four hex digits at r->p, or -1. */
static long
hex4(struct reader *r)
{
	long v = 0;
	int i;

	for (i = 0; i < 4; i++, r->p++) {
		char c = *r->p;

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	return v;
}

/* \uXXXX (after the u), a surrogate pair whole, as UTF-8 into r->buf. */
static bool
put_escaped_char(struct reader *r)
{
	char u[4];
	long cp = hex4(r), low;
	size_t n;

	if (cp >= 0xDC00 && cp <= 0xDFFF)
		return false;			/* a low surrogate alone */
	if (cp >= 0xD800 && cp <= 0xDBFF) {
		if (r->p[0] != '\\' || r->p[1] != 'u')
			return false;
		r->p += 2;
		if ((low = hex4(r)) < 0xDC00 || low > 0xDFFF)
			return false;
		cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
	}
	if (cp <= 0)				/* bad digits, or NUL */
		return false;
	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | cp >> 12);
		u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | cp >> 18);
		u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
		u[2] = (char)(0x80 | (cp >> 6 & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	return put(r, u, n);
}

/*
 * Steps over the bytes of a string that need no unescaping: printable
 * ASCII but the quote and the backslash, and valid UTF-8 sequences.  The
 * input ends with a NUL, which stops a sequence cut short.
 */
static const char *
plain_run(const char *p)
{
	const unsigned char *s = (const unsigned char *)p;
	unsigned long cp;
	size_t n;

	for (;;) {
		if (*s >= 0x80) {
			/* Two-byte letters (Cyrillic, Kazakh) inline. */
			if (*s >= 0xc2 && *s <= 0xdf && (s[1] & 0xc0) == 0x80)
				n = 2;
			else if ((n = eco_utf8_next((const char *)s, 4, &cp)) == 0)
				break;
			s += n;
		} else if (*s >= 0x20 && *s != '"' && *s != '\\')
			s++;
		else
			break;
	}
	return (const char *)s;
}

/*
 * The string at r->p (just after its opening quote) into r->str and
 * r->len, and r->p after its closing quote; false if it is not a valid
 * string.  A string without escapes (nearly all that PostgreSQL writes)
 * is left where it is; one with escapes is unescaped into r->buf.
 */
static bool
read_string(struct reader *r)
{
	static const char plain[] = "\"\\/\b\f\n\r\t";
	static const char named[] = "\"\\/bfnrt";
	const char *start = r->p, *k;

	r->p = plain_run(r->p);
	if (*r->p == '"') {
		r->str = start;
		r->len = (size_t)(r->p - start);
		r->p++;
		return true;
	}
	r->blen = 0;
	if (!put(r, start, (size_t)(r->p - start)))
		return false;
	for (;;) {
		if (*r->p != '\\')
			return false;	/* a control character, bad UTF-8, the end */
		r->p++;
		if (*r->p == 'u') {
			r->p++;
			if (!put_escaped_char(r))
				return false;
		} else if (*r->p != '\0' && (k = strchr(named, *r->p)) != NULL) {
			if (!put(r, &plain[k - named], 1))
				return false;
			r->p++;
		} else {
			return false;
		}
		start = r->p;
		r->p = plain_run(r->p);
		if (!put(r, start, (size_t)(r->p - start)))
			return false;
		if (*r->p == '"')
			break;
	}
	r->p++;
	r->str = r->buf;
	r->len = r->blen;
	return true;
}

static json_t *
read_number(struct reader *r)
{
	const char *start = r->p;
	bool integer = true;
	long long n;
	double d;
	char *end;

	if (*r->p == '-')
		r->p++;
	if (*r->p == '0')
		r->p++;
	else if (*r->p >= '1' && *r->p <= '9')
		while (*r->p >= '0' && *r->p <= '9')
			r->p++;
	else
		return NULL;
	if (*r->p == '.') {
		integer = false;
		r->p++;
		if (*r->p < '0' || *r->p > '9')
			return NULL;
		while (*r->p >= '0' && *r->p <= '9')
			r->p++;
	}
	if (*r->p == 'e' || *r->p == 'E') {
		integer = false;
		r->p++;
		if (*r->p == '+' || *r->p == '-')
			r->p++;
		if (*r->p < '0' || *r->p > '9')
			return NULL;
		while (*r->p >= '0' && *r->p <= '9')
			r->p++;
	}
	if (integer) {
		errno = 0;
		n = strtoll(start, &end, 10);
		if (errno == 0 && end == r->p)
			return json_integer(n);
	}
	/* A fraction, an exponent, or an integer beyond 64 bits. */
	d = strtod(start, &end);
	if (end != r->p || isinf(d) || isnan(d))
		return NULL;
	return json_real(d);
}

static json_t *
read_array(struct reader *r)
{
	json_t *a = json_array(), *v;

	if (a == NULL)
		return NULL;
	skip_space(r);
	if (eat(r, ']'))
		return a;
	for (;;) {
		if ((v = read_value(r)) == NULL || json_array_append_new(a, v)) {
			json_decref(a);
			return NULL;
		}
		skip_space(r);
		if (eat(r, ']'))
			return a;
		if (!eat(r, ',')) {
			json_decref(a);
			return NULL;
		}
	}
}

static json_t *
read_object(struct reader *r)
{
	json_t *o = json_object(), *v;
	char small[64], *key;
	size_t klen;

	if (o == NULL)
		return NULL;
	skip_space(r);
	if (eat(r, '}'))
		return o;
	for (;;) {
		skip_space(r);
		if (!eat(r, '"') || !read_string(r))
			goto fail;
		/* The value's strings reuse r->str: the key is copied. */
		klen = r->len;
		key = klen < sizeof(small) ? small : malloc(klen + 1);
		if (key == NULL)
			goto fail;
		memcpy(key, r->str, klen);
		key[klen] = '\0';
		skip_space(r);
		v = eat(r, ':') ? read_value(r) : NULL;
		/* No NUL inside: \u0000 is refused. */
		if (v == NULL || json_object_set_new_nocheck(o, key, v)) {
			if (key != small)
				free(key);
			goto fail;
		}
		if (key != small)
			free(key);
		skip_space(r);
		if (eat(r, '}'))
			return o;
		if (!eat(r, ','))
			goto fail;
	}
fail:
	json_decref(o);
	return NULL;
}

static json_t *
read_value(struct reader *r)
{
	json_t *v;

	skip_space(r);
	switch (*r->p) {
	case '{':
	case '[':
		if (r->depth == MAX_DEPTH)
			return NULL;
		r->depth++;
		v = *r->p++ == '{' ? read_object(r) : read_array(r);
		r->depth--;
		return v;
	case '"':
		r->p++;
		return read_string(r) ? json_stringn_nocheck(r->str, r->len) :
		    NULL;
	case 't':
		if (strncmp(r->p, "true", 4) != 0)
			return NULL;
		r->p += 4;
		return json_true();
	case 'f':
		if (strncmp(r->p, "false", 5) != 0)
			return NULL;
		r->p += 5;
		return json_false();
	case 'n':
		if (strncmp(r->p, "null", 4) != 0)
			return NULL;
		r->p += 4;
		return json_null();
	default:
		return read_number(r);
	}
}

json_t *
eco_dbjson_parse(const char *text)
{
	struct reader r = { text, 0, NULL, 0, NULL, 0, 0 };
	json_t *v;

	if (text == NULL)
		return NULL;
	v = read_value(&r);
	free(r.buf);
	if (v == NULL)
		return NULL;
	skip_space(&r);
	if (*r.p != '\0') {
		json_decref(v);
		return NULL;
	}
	return v;
}
