/* base64url without padding (RFC 4648 section 5), as session tokens use it. */
#ifndef ECO_B64_H
#define ECO_B64_H

#include <stddef.h>

/* Bytes needed for the encoding of n bytes, with the NUL. */
#define ECO_B64_ENCODED_SIZE(n)	(((n) * 4 + 2) / 3 + 1)

void	eco_b64url_encode(const unsigned char *, size_t, char *out);
/*
 * Decodes len characters into out (room for len * 3 / 4 bytes).  Returns the
 * number of bytes, or -1 for a character outside the alphabet, padding, or
 * an impossible length.
 */
long	eco_b64url_decode(const char *, size_t len, unsigned char *out);

#endif
