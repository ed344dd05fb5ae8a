/*
 * Session tokens, CSRF tokens and the keyring that signs them.
 *
 * Everything secret goes through libsodium: keys and session ids come from
 * randombytes_buf, MACs are crypto_auth (HMAC-SHA-512-256) and MACs are
 * compared in constant time.  Parsing is strict so that a token has exactly
 * one accepted spelling.
 *
 * The keys of a keyring are kept in ascending id order (eco_keyring_parse
 * sorts them), so the signing key is the last one.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "arena.h"
#include "b64.h"
#include "roles.h"
#include "token.h"

#define KEY_ID_MAX		2147483648ULL	/* 2^31 */
#define KEYRING_FILE_MAX	(64 * 1024)
#define TOKEN_MAX		512
#define MAC_B64_LEN		(ECO_B64_ENCODED_SIZE(crypto_auth_BYTES) - 1)
#define NFIELDS			7	/* v1 sid uid role iat exp kid */
/* "v1:" 32 hex, five numbers of at most 20 digits and the colons. */
#define PAYLOAD_MAX		160
#define CSRF_PREFIX		"csrf:"
#define CSRF_MAX		(10 + 1 + MAC_B64_LEN)
#define KEYRING_HEADER		"# ecogosfond session keyring: " \
				"\"<key id> <64 hex digits>\" per line, " \
				"mode 0600; the highest id signs.\n"
#define KEYRING_LINE_MAX	(10 + 1 + 2 * ECO_KEY_BYTES + 1)

_Static_assert(crypto_auth_KEYBYTES == ECO_KEY_BYTES, "key size");
_Static_assert(MAC_B64_LEN == 43, "MAC encoding length");

static int	fail(char *, size_t, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

/* Writes the message (if there is room for one) and returns -1. */
static int
fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err != NULL && errlen > 0) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/*
 * A decimal number in s[0..n) of at most max: digits only, no sign, no
 * leading zero, no overflow.
 */
static bool
parse_decimal(const char *s, size_t n, unsigned long long max,
    unsigned long long *out)
{
	unsigned long long v = 0;
	size_t i;

	if (n == 0 || n > 20 || (s[0] == '0' && n > 1))
		return false;
	for (i = 0; i < n; i++) {
		unsigned d;

		if (s[i] < '0' || s[i] > '9')
			return false;
		d = (unsigned)(s[i] - '0');
		if (v > (max - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = v;
	return true;
}

/* Exactly one of the enum eco_role bits, never a mask of several. */
static bool
one_role(long long role)
{
	return role > 0 && role <= ECO_ROLE_ANY && (role & (role - 1)) == 0;
}

/* --- keyring ------------------------------------------------------------ */

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Insertion sort by id: at most ECO_KEYRING_MAX keys. */
static void
sort_keys(struct eco_keyring *kr)
{
	struct eco_key tmp;
	size_t i, j;

	for (i = 1; i < kr->count; i++) {
		tmp = kr->keys[i];
		for (j = i; j > 0 && kr->keys[j - 1].id > tmp.id; j--)
			kr->keys[j] = kr->keys[j - 1];
		kr->keys[j] = tmp;
	}
	sodium_memzero(&tmp, sizeof(tmp));
}

/* One line of n bytes, without its '\n'.  Blank lines and comments pass. */
static int
parse_line(struct eco_keyring *kr, const char *s, size_t n, size_t lineno,
    char *err, size_t errlen)
{
	unsigned long long id;
	struct eco_key *key;
	const char *hex_end;
	size_t i = 0, id_len, bin_len;

	while (n > 0 && (is_blank(s[n - 1]) || s[n - 1] == '\r'))
		n--;
	while (i < n && is_blank(s[i]))
		i++;
	if (i == n || s[i] == '#')
		return 0;

	for (id_len = 0; i + id_len < n && !is_blank(s[i + id_len]); id_len++)
		continue;
	if (!parse_decimal(s + i, id_len, KEY_ID_MAX, &id) || id == 0)
		return fail(err, errlen, "line %zu: the key id must be a "
		    "number from 1 to %llu", lineno, KEY_ID_MAX);
	i += id_len;
	if (i == n || !is_blank(s[i]))
		return fail(err, errlen, "line %zu: expected \"<key id> "
		    "<64 hex digits>\"", lineno);
	while (i < n && is_blank(s[i]))
		i++;
	if (eco_keyring_find(kr, (unsigned)id) != NULL)
		return fail(err, errlen, "line %zu: duplicate key id %llu",
		    lineno, id);
	if (kr->count == ECO_KEYRING_MAX)
		return fail(err, errlen, "line %zu: more than %d keys",
		    lineno, ECO_KEYRING_MAX);

	key = &kr->keys[kr->count];
	if (n - i != 2 * ECO_KEY_BYTES ||
	    sodium_hex2bin(key->key, sizeof(key->key), s + i, n - i, NULL,
	    &bin_len, &hex_end) != 0 ||
	    bin_len != ECO_KEY_BYTES || hex_end != s + n)
		return fail(err, errlen, "line %zu: the key must be 64 hex "
		    "digits", lineno);
	/* A placeholder copied from an example is not a key. */
	if (sodium_is_zero(key->key, sizeof(key->key)))
		return fail(err, errlen, "line %zu: key %llu is all zeros",
		    lineno, id);
	key->id = (unsigned)id;
	crypto_auth_hmacsha512256_init(&key->hmac, key->key, sizeof(key->key));
	kr->count++;
	return 0;
}

/*
 * crypto_auth (HMAC-SHA-512-256) of prefix (may be NULL) and msg, from the
 * key's precomputed state: the same MAC as crypto_auth(), without hashing
 * the key's pads again for every request.
 */
static void
key_mac(const struct eco_key *key, const char *prefix, const void *msg,
    size_t len, unsigned char mac[crypto_auth_BYTES])
{
	crypto_auth_hmacsha512256_state st = key->hmac;

	if (prefix != NULL)
		crypto_auth_hmacsha512256_update(&st,
		    (const unsigned char *)prefix, strlen(prefix));
	crypto_auth_hmacsha512256_update(&st, msg, len);
	crypto_auth_hmacsha512256_final(&st, mac);
	sodium_memzero(&st, sizeof(st));
}

int
eco_keyring_parse(struct eco_keyring *kr, const char *text, char *err,
    size_t errlen)
{
	const char *line = text, *nl;
	size_t lineno = 0, n;

	memset(kr, 0, sizeof(*kr));
	if (text == NULL)
		return fail(err, errlen, "no keyring text");
	while (*line != '\0') {
		lineno++;
		nl = strchr(line, '\n');
		n = nl != NULL ? (size_t)(nl - line) : strlen(line);
		if (parse_line(kr, line, n, lineno, err, errlen) != 0) {
			sodium_memzero(kr, sizeof(*kr));
			return -1;
		}
		if (nl == NULL)
			break;
		line = nl + 1;
	}
	if (kr->count == 0)
		return fail(err, errlen, "the keyring has no key");
	sort_keys(kr);
	return 0;
}

/* Reads up to size bytes, until end of file. */
static int
read_all(int fd, char *buf, size_t size, size_t *len)
{
	ssize_t r;

	*len = 0;
	while (*len < size) {
		r = read(fd, buf + *len, size - *len);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1)
			return -1;
		if (r == 0)
			break;
		*len += (size_t)r;
	}
	return 0;
}

/* The checks on the open file, then its text. */
static int
load_fd(struct eco_keyring *kr, int fd, const char *path, char *err,
    size_t errlen)
{
	struct stat st;
	char msg[256], *text;
	size_t len;
	int rc;

	if (fstat(fd, &st) == -1)
		return fail(err, errlen, "keyring file %s: %s", path,
		    strerror(errno));
	if (!S_ISREG(st.st_mode))
		return fail(err, errlen, "keyring file %s is not a regular "
		    "file", path);
	if ((st.st_mode & 077) != 0)
		return fail(err, errlen, "keyring file %s must not be readable "
		    "by group or others (chmod 600)", path);
	if (st.st_size > KEYRING_FILE_MAX)
		return fail(err, errlen, "keyring file %s is larger than "
		    "64 KiB", path);
	/* One byte more than allowed, to notice a file that grew meanwhile. */
	if ((text = malloc(KEYRING_FILE_MAX + 2)) == NULL)
		return fail(err, errlen, "keyring file %s: out of memory",
		    path);
	if (read_all(fd, text, KEYRING_FILE_MAX + 1, &len) == -1)
		rc = fail(err, errlen, "keyring file %s: %s", path,
		    strerror(errno));
	else if (len > KEYRING_FILE_MAX)
		rc = fail(err, errlen, "keyring file %s is larger than "
		    "64 KiB", path);
	else if (memchr(text, '\0', len) != NULL)
		rc = fail(err, errlen, "keyring file %s contains a NUL byte",
		    path);
	else {
		text[len] = '\0';
		if ((rc = eco_keyring_parse(kr, text, msg, sizeof(msg))) != 0)
			fail(err, errlen, "keyring file %s: %s", path, msg);
	}
	sodium_memzero(text, len);
	free(text);
	if (rc != 0)
		return -1;

	memcpy(kr->path, path, strlen(path) + 1);
	kr->mtime = st.st_mtim.tv_sec;
	kr->mtime_nsec = st.st_mtim.tv_nsec;
	kr->size = (long long)st.st_size;
	kr->checked_at = 0;
	return 0;
}

int
eco_keyring_load(struct eco_keyring *kr, const char *path, char *err,
    size_t errlen)
{
	int fd, rc;

	memset(kr, 0, sizeof(*kr));
	if (path == NULL || strlen(path) >= sizeof(kr->path))
		return fail(err, errlen, "keyring file name too long");
	/* Not through a link: whoever controls the link picks our keys. */
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1) {
		if (errno == ELOOP)
			return fail(err, errlen, "keyring file %s must not be "
			    "a symbolic link", path);
		return fail(err, errlen, "keyring file %s: %s", path,
		    strerror(errno));
	}
	rc = load_fd(kr, fd, path, err, errlen);
	close(fd);
	return rc;
}

/*
 * now is in whole seconds, so "already looked this second" is equality; a
 * clock set back only causes one extra stat.  A new file that does not
 * load is tried again next second, and the old keys stay meanwhile.
 */
int
eco_keyring_refresh(struct eco_keyring *kr, time_t now, char *err,
    size_t errlen)
{
	struct eco_keyring fresh;
	struct stat st;
	char why[512];
	int rc = 0;

	if (kr == NULL || kr->path[0] == '\0' || now == kr->checked_at)
		return 0;
	kr->checked_at = now;
	if (stat(kr->path, &st) == -1)
		return 0;
	if ((st.st_mtim.tv_sec == kr->mtime &&
	    st.st_mtim.tv_nsec == kr->mtime_nsec &&
	    (long long)st.st_size == kr->size) ||
	    (st.st_ctim.tv_sec == kr->bad_ctime &&
	    st.st_ctim.tv_nsec == kr->bad_ctime_nsec))
		return 0;
	if (eco_keyring_load(&fresh, kr->path, why, sizeof(why)) == 0) {
		fresh.checked_at = now;
		*kr = fresh;
		rc = 1;
	} else {
		/* Say it once per change of the file (ctime also moves on a
		 * chmod that fixes it), not every second. */
		kr->bad_ctime = st.st_ctim.tv_sec;
		kr->bad_ctime_nsec = st.st_ctim.tv_nsec;
		if (err != NULL)
			snprintf(err, errlen, "%s", why);
		rc = -1;
	}
	sodium_memzero(&fresh, sizeof(fresh));
	return rc;
}

const struct eco_key *
eco_keyring_current(const struct eco_keyring *kr)
{
	if (kr == NULL || kr->count == 0)
		return NULL;
	return &kr->keys[kr->count - 1];
}

const struct eco_key *
eco_keyring_find(const struct eco_keyring *kr, unsigned id)
{
	size_t i;

	if (kr == NULL)
		return NULL;
	for (i = 0; i < kr->count && i < ECO_KEYRING_MAX; i++)
		if (kr->keys[i].id == id)
			return &kr->keys[i];
	return NULL;
}

/* Appends "<id> <hex>\n"; the caller made room for it. */
static size_t
put_key_line(char *out, size_t room, unsigned id, const unsigned char *key)
{
	char hex[2 * ECO_KEY_BYTES + 1];
	int n;

	sodium_bin2hex(hex, sizeof(hex), key, ECO_KEY_BYTES);
	n = snprintf(out, room, "%u %s\n", id, hex);
	sodium_memzero(hex, sizeof(hex));
	return n > 0 ? (size_t)n : 0;
}

char *
eco_keyring_rotated_text(const struct eco_keyring *kr, size_t keep)
{
	const struct eco_key *cur = eco_keyring_current(kr);
	unsigned char key[ECO_KEY_BYTES];
	size_t old, i, size, used;
	unsigned next = 1;
	char *text;

	if (keep < 1)
		keep = 1;
	if (keep > ECO_KEYRING_MAX)
		keep = ECO_KEYRING_MAX;
	old = cur != NULL ? kr->count : 0;
	if (old > keep - 1)
		old = keep - 1;
	if (cur != NULL) {
		if (cur->id >= KEY_ID_MAX)
			return NULL;
		next = cur->id + 1;
	}

	size = sizeof(KEYRING_HEADER) + (old + 1) * KEYRING_LINE_MAX;
	if ((text = malloc(size)) == NULL)
		return NULL;
	used = (size_t)snprintf(text, size, "%s", KEYRING_HEADER);
	/* Oldest first, so the file reads in the order keys were made. */
	if (old > 0)
		for (i = kr->count - old; i < kr->count; i++)
			used += put_key_line(text + used, size - used,
			    kr->keys[i].id, kr->keys[i].key);
	randombytes_buf(key, sizeof(key));
	put_key_line(text + used, size - used, next, key);
	sodium_memzero(key, sizeof(key));
	return text;
}

/* --- session tokens ------------------------------------------------------- */

char *
eco_random_hex(struct eco_arena *a, size_t n)
{
	unsigned char raw[64];
	char *hex;

	/* Nobody needs more than 512 bits; more is a caller's mistake. */
	if (n > sizeof(raw))
		n = sizeof(raw);
	hex = eco_alloc(a, 2 * n + 1);
	randombytes_buf(raw, n);
	sodium_bin2hex(hex, 2 * n + 1, raw, n);
	return hex;
}

void
eco_claims_new_sid(struct eco_claims *c)
{
	randombytes_buf(c->sid, sizeof(c->sid));
	sodium_bin2hex(c->sid_hex, sizeof(c->sid_hex), c->sid, sizeof(c->sid));
}

/* Only what eco_token_verify would accept is signed. */
static bool
claims_signable(const struct eco_claims *c)
{
	return c->uid >= 0 && one_role(c->role) && c->issued_at >= 0 &&
	    c->expires_at > c->issued_at;
}

char *
eco_token_sign(struct eco_arena *a, const struct eco_keyring *kr,
    struct eco_claims *c)
{
	const struct eco_key *key = eco_keyring_current(kr);
	unsigned char mac[crypto_auth_BYTES];
	char payload[PAYLOAD_MAX], enc[ECO_B64_ENCODED_SIZE(PAYLOAD_MAX)];
	char mac_enc[MAC_B64_LEN + 1];
	int n;

	if (key == NULL || !claims_signable(c))
		return NULL;
	sodium_bin2hex(c->sid_hex, sizeof(c->sid_hex), c->sid, sizeof(c->sid));
	c->kid = key->id;
	n = snprintf(payload, sizeof(payload), "v1:%s:%lld:%d:%lld:%lld:%u",
	    c->sid_hex, c->uid, c->role, c->issued_at, c->expires_at, c->kid);
	if (n < 0 || (size_t)n >= sizeof(payload))
		return NULL;
	eco_b64url_encode((const unsigned char *)payload, (size_t)n, enc);
	/* The MAC covers the encoded payload: what verify has in hand. */
	key_mac(key, NULL, enc, strlen(enc), mac);
	eco_b64url_encode(mac, sizeof(mac), mac_enc);
	return eco_sprintf(a, "%s.%s", enc, mac_enc);
}

/* Splits s[0..n) at every ':' into exactly NFIELDS fields. */
static bool
split_fields(const char *s, size_t n, const char *f[NFIELDS],
    size_t len[NFIELDS])
{
	size_t i, k = 0, start = 0;

	for (i = 0; i <= n; i++) {
		if (i < n && s[i] != ':')
			continue;
		if (k == NFIELDS)
			return false;
		f[k] = s + start;
		len[k] = i - start;
		k++;
		start = i + 1;
	}
	return k == NFIELDS;
}

/* 32 lowercase hex digits: sodium_hex2bin alone would take uppercase too. */
static bool
parse_sid(const char *s, size_t n, struct eco_claims *c)
{
	size_t i, bin_len;

	if (n != 2 * ECO_SESSION_ID_BYTES)
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	if (sodium_hex2bin(c->sid, sizeof(c->sid), s, n, NULL, &bin_len,
	    NULL) != 0 || bin_len != sizeof(c->sid))
		return false;
	memcpy(c->sid_hex, s, n);
	c->sid_hex[n] = '\0';
	return true;
}

/* Every field but the key id, which was read before the MAC was checked. */
static bool
parse_claims(const char *f[NFIELDS], const size_t len[NFIELDS],
    struct eco_claims *c)
{
	unsigned long long uid, role, iat, exp;

	if (len[0] != 2 || memcmp(f[0], "v1", 2) != 0 ||
	    !parse_sid(f[1], len[1], c) ||
	    !parse_decimal(f[2], len[2], LLONG_MAX, &uid) ||
	    !parse_decimal(f[3], len[3], ECO_ROLE_ANY, &role) ||
	    !parse_decimal(f[4], len[4], LLONG_MAX, &iat) ||
	    !parse_decimal(f[5], len[5], LLONG_MAX, &exp))
		return false;
	c->uid = (long long)uid;
	c->role = (int)role;
	c->issued_at = (long long)iat;
	c->expires_at = (long long)exp;
	return one_role(c->role) && c->expires_at > c->issued_at;
}

static enum eco_token_result
check_token(const struct eco_keyring *kr, const char *token, long long now,
    struct eco_claims *c)
{
	unsigned char payload[TOKEN_MAX / 4 * 3], mac[crypto_auth_BYTES];
	unsigned char want[crypto_auth_BYTES];
	const char *dot, *f[NFIELDS];
	size_t len, plen, flen[NFIELDS];
	unsigned long long kid;
	const struct eco_key *key;
	long n;

	if (token == NULL)
		return ECO_TOKEN_MALFORMED;
	len = strnlen(token, TOKEN_MAX + 1);
	if (len == 0 || len > TOKEN_MAX)
		return ECO_TOKEN_MALFORMED;
	if ((dot = memchr(token, '.', len)) == NULL)
		return ECO_TOKEN_MALFORMED;
	plen = (size_t)(dot - token);
	if (memchr(dot + 1, '.', len - plen - 1) != NULL ||
	    len - plen - 1 != MAC_B64_LEN ||
	    eco_b64url_decode(dot + 1, MAC_B64_LEN, mac) != crypto_auth_BYTES)
		return ECO_TOKEN_MALFORMED;
	if ((n = eco_b64url_decode(token, plen, payload)) <= 0 ||
	    !split_fields((const char *)payload, (size_t)n, f, flen) ||
	    !parse_decimal(f[NFIELDS - 1], flen[NFIELDS - 1], KEY_ID_MAX, &kid))
		return ECO_TOKEN_MALFORMED;

	/* The key id is all we read before the MAC vouches for the rest. */
	if ((key = eco_keyring_find(kr, (unsigned)kid)) == NULL)
		return ECO_TOKEN_UNKNOWN_KEY;
	key_mac(key, NULL, token, plen, want);
	if (sodium_memcmp(mac, want, sizeof(want)) != 0)
		return ECO_TOKEN_BAD_MAC;

	if (!parse_claims(f, flen, c))
		return ECO_TOKEN_MALFORMED;
	c->kid = (unsigned)kid;
	if (now >= c->expires_at)
		return ECO_TOKEN_EXPIRED;
	return ECO_TOKEN_OK;
}

enum eco_token_result
eco_token_verify(const struct eco_keyring *kr, const char *token,
    long long now, struct eco_claims *out)
{
	struct eco_claims c;
	enum eco_token_result r;

	memset(&c, 0, sizeof(c));
	r = check_token(kr, token, now, &c);
	if (out != NULL) {
		if (r == ECO_TOKEN_OK)
			*out = c;
		else
			memset(out, 0, sizeof(*out));
	}
	return r;
}

/* --- CSRF tokens ---------------------------------------------------------- */

/*
 * crypto_auth over "csrf:" binding.  crypto_auth is HMAC-SHA-512-256 with
 * a 32-byte key; its streaming form gives the same MAC without copying the
 * binding into a buffer of some maximum size.  The prefix keeps a CSRF MAC
 * from ever equalling a session token MAC.
 */
static void
csrf_mac(unsigned char mac[crypto_auth_BYTES], const struct eco_key *key,
    const char *binding)
{
	key_mac(key, CSRF_PREFIX, binding, strlen(binding), mac);
}

char *
eco_csrf_token(struct eco_arena *a, const struct eco_keyring *kr,
    const char *binding)
{
	const struct eco_key *key = eco_keyring_current(kr);
	unsigned char mac[crypto_auth_BYTES];
	char enc[MAC_B64_LEN + 1];

	if (key == NULL || binding == NULL || binding[0] == '\0')
		return NULL;
	csrf_mac(mac, key, binding);
	eco_b64url_encode(mac, sizeof(mac), enc);
	return eco_sprintf(a, "%u.%s", key->id, enc);
}

bool
eco_csrf_verify(const struct eco_keyring *kr, const char *binding,
    const char *token)
{
	unsigned char got[crypto_auth_BYTES], want[crypto_auth_BYTES];
	unsigned long long kid;
	const struct eco_key *key;
	const char *dot;
	size_t len, klen;
	bool match;

	if (binding == NULL || binding[0] == '\0' || token == NULL)
		return false;
	len = strnlen(token, CSRF_MAX + 1);
	if (len > CSRF_MAX || (dot = memchr(token, '.', len)) == NULL)
		return false;
	klen = (size_t)(dot - token);
	if (!parse_decimal(token, klen, KEY_ID_MAX, &kid) ||
	    len - klen - 1 != MAC_B64_LEN ||
	    eco_b64url_decode(dot + 1, MAC_B64_LEN, got) != crypto_auth_BYTES)
		return false;
	if ((key = eco_keyring_find(kr, (unsigned)kid)) == NULL)
		return false;
	csrf_mac(want, key, binding);
	match = sodium_memcmp(got, want, sizeof(got)) == 0;
	sodium_memzero(want, sizeof(want));
	return match;
}
