/*
 * base64url without padding (RFC 4648 section 5).
 *
 * The decoder is strict on purpose: it accepts exactly the strings the
 * encoder produces.  Padding, other alphabets, impossible lengths and
 * unused low bits that are not zero are all refused, so every byte string
 * has one encoding and a signed token cannot be altered into another
 * string that still verifies.
 */
#include <limits.h>

#include "b64.h"

static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* The 6-bit value of an alphabet character, or -1. */
static int
value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '-')
		return 62;
	if (c == '_')
		return 63;
	return -1;
}

void
eco_b64url_encode(const unsigned char *in, size_t n, char *out)
{
	size_t i;
	char *o = out;

	for (i = 0; i + 3 <= n; i += 3) {
		unsigned long v = (unsigned long)in[i] << 16 |
		    (unsigned long)in[i + 1] << 8 | in[i + 2];

		*o++ = alphabet[v >> 18 & 63];
		*o++ = alphabet[v >> 12 & 63];
		*o++ = alphabet[v >> 6 & 63];
		*o++ = alphabet[v & 63];
	}
	if (n - i == 1) {
		*o++ = alphabet[in[i] >> 2];
		*o++ = alphabet[(in[i] & 3) << 4];
	} else if (n - i == 2) {
		unsigned long v = (unsigned long)in[i] << 8 | in[i + 1];

		*o++ = alphabet[v >> 10 & 63];
		*o++ = alphabet[v >> 4 & 63];
		*o++ = alphabet[(v & 15) << 2];
	}
	*o = '\0';
}

long
eco_b64url_decode(const char *in, size_t len, unsigned char *out)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t i, rest = len % 4;
	unsigned char *o = out;
	int v[4];

	/* One leftover character cannot carry a whole byte. */
	if (rest == 1 || len / 4 > LONG_MAX / 3 - 1)
		return -1;
	for (i = 0; i + 4 <= len; i += 4) {
		if ((v[0] = value(s[i])) < 0 || (v[1] = value(s[i + 1])) < 0 ||
		    (v[2] = value(s[i + 2])) < 0 ||
		    (v[3] = value(s[i + 3])) < 0)
			return -1;
		*o++ = (unsigned char)(v[0] << 2 | v[1] >> 4);
		*o++ = (unsigned char)((v[1] & 15) << 4 | v[2] >> 2);
		*o++ = (unsigned char)((v[2] & 3) << 6 | v[3]);
	}
	if (rest == 2) {
		if ((v[0] = value(s[i])) < 0 || (v[1] = value(s[i + 1])) < 0)
			return -1;
		/* The low 4 bits of the last character are not data. */
		if ((v[1] & 15) != 0)
			return -1;
		*o++ = (unsigned char)(v[0] << 2 | v[1] >> 4);
	} else if (rest == 3) {
		if ((v[0] = value(s[i])) < 0 || (v[1] = value(s[i + 1])) < 0 ||
		    (v[2] = value(s[i + 2])) < 0)
			return -1;
		/* The low 2 bits of the last character are not data. */
		if ((v[2] & 3) != 0)
			return -1;
		*o++ = (unsigned char)(v[0] << 2 | v[1] >> 4);
		*o++ = (unsigned char)((v[1] & 15) << 4 | v[2] >> 2);
	}
	return (long)(o - out);
}
