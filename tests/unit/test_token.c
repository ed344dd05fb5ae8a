/*
 * Unit tests of base64url, session tokens, the keyring and CSRF tokens.
 * Keyring files are made with mkstemp under /tmp and removed at the end.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "arena.h"
#include "b64.h"
#include "roles.h"
#include "token.h"
#include "tap.h"

static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* "<id> <64 hex>\n" for a fresh random key. */
static void
key_line(char *out, size_t size, unsigned id)
{
	unsigned char key[ECO_KEY_BYTES];
	char hex[2 * ECO_KEY_BYTES + 1];

	randombytes_buf(key, sizeof(key));
	sodium_bin2hex(hex, sizeof(hex), key, sizeof(key));
	snprintf(out, size, "%u %s\n", id, hex);
}

/* A keyring of one random key with this id. */
static void
one_key_ring(struct eco_keyring *kr, unsigned id)
{
	char line[128], err[256];

	key_line(line, sizeof(line), id);
	if (eco_keyring_parse(kr, line, err, sizeof(err)) != 0)
		printf("# unexpected: %s\n", err);
}

static void
test_b64(void)
{
	static const struct {
		const char *in, *out;
	} rfc[] = {
		{ "", "" }, { "f", "Zg" }, { "fo", "Zm8" }, { "foo", "Zm9v" },
		{ "foob", "Zm9vYg" }, { "fooba", "Zm9vYmE" },
		{ "foobar", "Zm9vYmFy" },
	};
	static const struct {
		const char *in, *why;
	} bad[] = {
		{ "Zg==", "padding" },
		{ "Zg=", "a lone '='" },
		{ "Zm8=", "padding after three characters" },
		{ "Z", "one character" },
		{ "Zm9vY", "five characters" },
		{ "Zh", "non-canonical last of two" },
		{ "Zm9", "non-canonical last of three" },
		{ "Zm+v", "'+' of the standard alphabet" },
		{ "Zm/v", "'/' of the standard alphabet" },
		{ "Zm9v\n", "a newline" },
		{ "Zm 9", "a space" },
		{ "\xc3\xa9" "ab", "non-ASCII" },
		{ "Zm.v", "a dot" },
	};
	unsigned char in[64], out[64];
	char enc[ECO_B64_ENCODED_SIZE(64)], name[64];
	size_t n, i;

	for (i = 0; i < sizeof(rfc) / sizeof(rfc[0]); i++) {
		eco_b64url_encode((const unsigned char *)rfc[i].in,
		    strlen(rfc[i].in), enc);
		snprintf(name, sizeof(name), "RFC 4648 vector \"%s\"",
		    rfc[i].in);
		is_str(enc, rfc[i].out, name);
	}
	in[0] = 0xfb;
	in[1] = 0xff;
	eco_b64url_encode(in, 2, enc);
	is_str(enc, "-_8", "the URL alphabet uses '-' and '_'");

	for (n = 0; n <= 64; n++) {
		long got;
		int good = 1;

		randombytes_buf(in, n);
		eco_b64url_encode(in, n, enc);
		if (strlen(enc) != ECO_B64_ENCODED_SIZE(n) - 1 ||
		    strspn(enc, alphabet) != strlen(enc))
			good = 0;
		got = eco_b64url_decode(enc, strlen(enc), out);
		if (got != (long)n || memcmp(in, out, n) != 0)
			good = 0;
		snprintf(name, sizeof(name), "round trip of %zu bytes", n);
		ok(good, name);
	}

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(name, sizeof(name), "decode refuses %s", bad[i].why);
		is_int(eco_b64url_decode(bad[i].in, strlen(bad[i].in), out),
		    -1, name);
	}
	is_int(eco_b64url_decode("Zm\0v", 4, out), -1,
	    "decode refuses an embedded NUL");
	is_int(eco_b64url_decode("", 0, out), 0, "empty decodes to nothing");

	/* Every last character of a 2-character group but the canonical. */
	for (i = 0, n = 0; i < 64; i++) {
		char s[3] = { 'Z', alphabet[i], '\0' };

		if (eco_b64url_decode(s, 2, out) >= 0)
			n++;
	}
	is_int(n, 4, "4 of 64 final characters are canonical after one byte");
	for (i = 0, n = 0; i < 64; i++) {
		char s[4] = { 'Z', 'm', alphabet[i], '\0' };

		if (eco_b64url_decode(s, 3, out) >= 0)
			n++;
	}
	is_int(n, 16, "only 16 of 64 final characters are canonical after two");
}

/*
 * Copies tmpl into out with '@' replaced by value and '~' by value without
 * its last character (the test tables cannot be printf formats: -Wformat=2).
 */
static void
subst(char *out, size_t size, const char *tmpl, const char *value)
{
	size_t used = 0, n;

	for (; *tmpl != '\0' && used + 1 < size; tmpl++) {
		if (*tmpl == '@' || *tmpl == '~') {
			n = strlen(value);
			if (*tmpl == '~' && n > 0)
				n--;
			if (n > size - used - 1)
				n = size - used - 1;
			memcpy(out + used, value, n);
			used += n;
		} else
			out[used++] = *tmpl;
	}
	out[used] = '\0';
}

/* A token for payload text, MACed with key: for testing field parsing. */
static char *
forge(struct eco_arena *a, const struct eco_keyring *kr, unsigned kid,
    const char *payload)
{
	const struct eco_key *key = eco_keyring_find(kr, kid);
	unsigned char mac[crypto_auth_BYTES];
	char enc[ECO_B64_ENCODED_SIZE(512)], menc[ECO_B64_ENCODED_SIZE(32)];

	eco_b64url_encode((const unsigned char *)payload, strlen(payload),
	    enc);
	if (key != NULL)
		crypto_auth(mac, (const unsigned char *)enc, strlen(enc),
		    key->key);
	else
		memset(mac, 0, sizeof(mac));
	eco_b64url_encode(mac, sizeof(mac), menc);
	return eco_sprintf(a, "%s.%s", enc, menc);
}

static void
init_claims(struct eco_claims *c, long long uid)
{
	memset(c, 0, sizeof(*c));
	eco_claims_new_sid(c);
	c->uid = uid;
	c->role = ECO_ROLE_CLERK;
	c->issued_at = 1000;
	c->expires_at = 2000;
}

static void
test_sign_verify(void)
{
	struct eco_arena *a = eco_arena_new();
	struct eco_keyring kr, other;
	struct eco_claims c, d, out;
	unsigned char payload[512];
	char *t, *u, *mixed, *p, want[256];
	const char *dot;
	size_t i, j, len, plen, bad_payload = 0, bad_mac = 0;
	size_t tried_payload = 0, tried_mac = 0;
	long n;

	one_key_ring(&kr, 1);
	init_claims(&c, 42);
	t = eco_token_sign(a, &kr, &c);
	if (!ok(t != NULL, "sign makes a token")) {
		eco_arena_free(a);
		return;
	}
	is_int(c.kid, 1, "sign sets the key id");
	is_int(eco_token_verify(&kr, t, 1500, &out), ECO_TOKEN_OK,
	    "a fresh token verifies");
	ok(out.uid == 42 && out.role == ECO_ROLE_CLERK &&
	    out.issued_at == 1000 && out.expires_at == 2000 && out.kid == 1,
	    "verify returns the signed claims");
	ok(memcmp(out.sid, c.sid, sizeof(c.sid)) == 0, "session id survives");
	is_str(out.sid_hex, c.sid_hex, "session id hex survives");
	is_int(strlen(c.sid_hex), 32, "session id hex has 32 digits");
	ok(strspn(c.sid_hex, "0123456789abcdef") == 32,
	    "session id hex is lowercase");
	d = c;
	eco_claims_new_sid(&d);
	ok(memcmp(d.sid, c.sid, sizeof(c.sid)) != 0, "session ids are random");

	dot = strchr(t, '.');
	plen = dot != NULL ? (size_t)(dot - t) : 0;
	n = eco_b64url_decode(t, plen, payload);
	ok(n > 0, "payload decodes");
	payload[n > 0 ? n : 0] = '\0';
	snprintf(want, sizeof(want), "v1:%s:42:8:1000:2000:1", c.sid_hex);
	is_str((char *)payload, want, "payload text is exactly as documented");
	is_int(strlen(dot != NULL ? dot + 1 : ""), 43, "MAC is 43 characters");

	is_int(eco_token_verify(&kr, t, 1999, NULL), ECO_TOKEN_OK,
	    "valid one second before expiry; out may be NULL");
	is_int(eco_token_verify(&kr, t, 2000, &out), ECO_TOKEN_EXPIRED,
	    "expired at expires_at");
	ok(out.uid == 0 && out.kid == 0, "out is zeroed when not OK");
	is_int(eco_token_verify(&kr, t, 99999, NULL), ECO_TOKEN_EXPIRED,
	    "expired long after");

	/* Every single-character change, to every other alphabet char. */
	len = strlen(t);
	p = eco_strdup(a, t);
	for (i = 0; i < len; i++) {
		for (j = 0; j < 64; j++) {
			if (alphabet[j] == t[i])
				continue;
			p[i] = alphabet[j];
			if (i < plen)
				tried_payload++;
			else
				tried_mac++;
			if (eco_token_verify(&kr, p, 1500, NULL) !=
			    ECO_TOKEN_OK) {
				if (i < plen)
					bad_payload++;
				else
					bad_mac++;
			}
		}
		p[i] = t[i];
	}
	is_int(bad_payload, tried_payload,
	    "no changed payload character verifies");
	is_int(bad_mac, tried_mac, "no changed MAC character or dot verifies");
	is_int(tried_payload + tried_mac, plen * 63 + 43 * 63 + 64,
	    "tampering tried every position");
	strcpy(p, t);
	/* 43 characters carry 258 bits: the last 2 must be zero. */
	p[len - 1] = alphabet[(strchr(alphabet, t[len - 1]) - alphabet) ^ 1];
	is_int(eco_token_verify(&kr, p, 1500, NULL), ECO_TOKEN_MALFORMED,
	    "MAC with non-canonical unused bits is malformed");

	init_claims(&d, 43);
	u = eco_token_sign(a, &kr, &d);
	mixed = eco_sprintf(a, "%.*s%s", (int)plen, t, strchr(u, '.'));
	is_int(eco_token_verify(&kr, mixed, 1500, NULL), ECO_TOKEN_BAD_MAC,
	    "a MAC from another token is refused");

	one_key_ring(&other, 1);
	is_int(eco_token_verify(&other, t, 1500, NULL), ECO_TOKEN_BAD_MAC,
	    "same key id, other key: bad MAC");
	one_key_ring(&other, 7);
	is_int(eco_token_verify(&other, t, 1500, NULL), ECO_TOKEN_UNKNOWN_KEY,
	    "key id not in the ring: unknown key");
	memset(&other, 0, sizeof(other));
	is_int(eco_token_verify(&other, t, 1500, NULL), ECO_TOKEN_UNKNOWN_KEY,
	    "empty ring: unknown key");
	ok(eco_token_sign(a, &other, &d) == NULL, "empty ring signs nothing");

	d.role = ECO_ROLE_CLERK | ECO_ROLE_ADMIN;
	ok(eco_token_sign(a, &kr, &d) == NULL, "a mask of roles is not signed");
	d.role = 0;
	ok(eco_token_sign(a, &kr, &d) == NULL, "role 0 is not signed");
	d.role = ECO_ROLE_ADMIN;
	d.expires_at = d.issued_at;
	ok(eco_token_sign(a, &kr, &d) == NULL,
	    "expires_at == issued_at is not signed");
	d.expires_at = 2000;
	d.uid = -1;
	ok(eco_token_sign(a, &kr, &d) == NULL, "negative uid is not signed");
	d.uid = 0;
	u = eco_token_sign(a, &kr, &d);
	is_int(eco_token_verify(&kr, u, 1500, &out), ECO_TOKEN_OK,
	    "uid 0, role admin round trip");
	is_int(out.role, ECO_ROLE_ADMIN, "role admin survives");

	sodium_memzero(&kr, sizeof(kr));
	eco_arena_free(a);
}

static void
test_malformed(void)
{
	static const struct {
		const char *fmt;	/* '@': a session id, '~': 31 of it */
		int want;
		const char *name;
	} fields[] = {
		{ "v1:@:42:8:1000:2000:1", ECO_TOKEN_OK, "forged control" },
		{ "v1:@:9223372036854775807:1:0:2:1", ECO_TOKEN_OK,
		    "largest uid, time 0" },
		{ "v2:@:42:8:1000:2000:1", ECO_TOKEN_MALFORMED, "version v2" },
		{ "V1:@:42:8:1000:2000:1", ECO_TOKEN_MALFORMED, "version V1" },
		{ "v1:@0:42:8:1000:2000:1", ECO_TOKEN_MALFORMED, "sid 33" },
		{ "v1:~:42:8:1000:2000:1", ECO_TOKEN_MALFORMED, "sid 31" },
		{ "v1:~G:42:8:1000:2000:1", ECO_TOKEN_MALFORMED, "sid G" },
		{ "v1:~A:42:8:1000:2000:1", ECO_TOKEN_MALFORMED,
		    "sid uppercase" },
		{ "v1:@:+42:8:1000:2000:1", ECO_TOKEN_MALFORMED, "uid +42" },
		{ "v1:@:-42:8:1000:2000:1", ECO_TOKEN_MALFORMED, "uid -42" },
		{ "v1:@:042:8:1000:2000:1", ECO_TOKEN_MALFORMED, "uid 042" },
		{ "v1:@::8:1000:2000:1", ECO_TOKEN_MALFORMED, "uid empty" },
		{ "v1:@: 42:8:1000:2000:1", ECO_TOKEN_MALFORMED, "uid space" },
		{ "v1:@:9223372036854775808:8:1000:2000:1",
		    ECO_TOKEN_MALFORMED, "uid LLONG_MAX + 1" },
		{ "v1:@:99999999999999999999:8:1000:2000:1",
		    ECO_TOKEN_MALFORMED, "uid 20 nines" },
		{ "v1:@:123456789012345678901234:8:1000:2000:1",
		    ECO_TOKEN_MALFORMED, "uid 24 digits" },
		{ "v1:@:42:0:1000:2000:1", ECO_TOKEN_MALFORMED, "role 0" },
		{ "v1:@:42:3:1000:2000:1", ECO_TOKEN_MALFORMED, "role 3" },
		{ "v1:@:42:31:1000:2000:1", ECO_TOKEN_MALFORMED, "role 31" },
		{ "v1:@:42:32:1000:2000:1", ECO_TOKEN_MALFORMED, "role 32" },
		{ "v1:@:42:08:1000:2000:1", ECO_TOKEN_MALFORMED, "role 08" },
		{ "v1:@:42:8:2000:1000:1", ECO_TOKEN_MALFORMED, "exp < iat" },
		{ "v1:@:42:8:2000:2000:1", ECO_TOKEN_MALFORMED, "exp == iat" },
		{ "v1:@:42:8:-1:2000:1", ECO_TOKEN_MALFORMED, "iat -1" },
		{ "v1:@:42:8:1000:2000x:1", ECO_TOKEN_MALFORMED, "exp 2000x" },
		{ "v1:@:42:8:1000:2000:01", ECO_TOKEN_MALFORMED, "kid 01" },
		{ "v1:@:42:8:1000:2000:", ECO_TOKEN_MALFORMED, "kid empty" },
		{ "v1:@:42:8:1000:2000:2147483649", ECO_TOKEN_MALFORMED,
		    "kid above 2^31" },
		{ "v1:@:42:8:1000:2000:9", ECO_TOKEN_UNKNOWN_KEY, "kid 9" },
		{ "v1:@:42:8:1000:2000:1:", ECO_TOKEN_MALFORMED,
		    "trailing colon" },
		{ "v1:@:42:8:1000:2000:1:1", ECO_TOKEN_MALFORMED,
		    "extra field" },
		{ "v1:@:42:8:1000:1", ECO_TOKEN_MALFORMED, "missing field" },
		{ "v1:@:42:8:1000:2000:1\n", ECO_TOKEN_MALFORMED,
		    "trailing newline" },
	};
	struct eco_arena *a = eco_arena_new();
	struct eco_keyring kr;
	struct eco_claims c;
	char *t, *big, payload[256], name[96];
	size_t i;

	one_key_ring(&kr, 1);
	init_claims(&c, 42);
	if ((t = eco_token_sign(a, &kr, &c)) == NULL) {
		ok(0, "sign for the malformed tests");
		eco_arena_free(a);
		return;
	}

	is_int(eco_token_verify(&kr, NULL, 1500, NULL), ECO_TOKEN_MALFORMED,
	    "NULL token");
	is_int(eco_token_verify(&kr, "", 1500, NULL), ECO_TOKEN_MALFORMED,
	    "empty token");
	is_int(eco_token_verify(&kr, "abcdef", 1500, NULL),
	    ECO_TOKEN_MALFORMED, "no dot");
	is_int(eco_token_verify(&kr, eco_sprintf(a, "%s.", t), 1500, NULL),
	    ECO_TOKEN_MALFORMED, "two dots (trailing)");
	is_int(eco_token_verify(&kr, eco_sprintf(a, "a.%s", t), 1500, NULL),
	    ECO_TOKEN_MALFORMED, "two dots (leading)");
	is_int(eco_token_verify(&kr, eco_sprintf(a, "%s=", t), 1500, NULL),
	    ECO_TOKEN_MALFORMED, "padding after the MAC");
	is_int(eco_token_verify(&kr, strchr(t, '.'), 1500, NULL),
	    ECO_TOKEN_MALFORMED, "empty payload");
	is_int(eco_token_verify(&kr, eco_sprintf(a, "%.*s.", (int)(strchr(t,
	    '.') - t), t), 1500, NULL), ECO_TOKEN_MALFORMED, "empty MAC");
	big = eco_alloc(a, 1000);
	memset(big, 'A', 999);
	big[999] = '\0';
	memcpy(big + 999 - 44, strchr(t, '.'), 44);
	is_int(eco_token_verify(&kr, big, 1500, NULL), ECO_TOKEN_MALFORMED,
	    "a 999-byte token");
	big[512] = '\0';
	memcpy(big + 512 - 44, strchr(t, '.'), 44);
	is_int(eco_token_verify(&kr, big, 1500, NULL), ECO_TOKEN_MALFORMED,
	    "a 512-byte token of garbage payload");

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		subst(payload, sizeof(payload), fields[i].fmt, c.sid_hex);
		snprintf(name, sizeof(name), "field parsing: %s",
		    fields[i].name);
		is_int(eco_token_verify(&kr, forge(a, &kr, 1, payload), 1,
		    NULL), fields[i].want, name);
	}
	/* A payload whose encoding is not canonical, with a valid MAC. */
	snprintf(payload, sizeof(payload), "v1:%s:42:8:1000:2000:1",
	    c.sid_hex);
	t = forge(a, &kr, 1, payload);
	{
		const struct eco_key *key = eco_keyring_find(&kr, 1);
		unsigned char mac[crypto_auth_BYTES];
		char menc[ECO_B64_ENCODED_SIZE(32)], *q;
		size_t plen = (size_t)(strchr(t, '.') - t);

		/* 52 bytes: 70 characters, the last with 4 unused bits. */
		q = eco_strndup(a, t, plen);
		ok(plen % 4 != 0, "control payload has unused bits");
		q[plen - 1] = alphabet[(strchr(alphabet, q[plen - 1]) -
		    alphabet) ^ 1];
		crypto_auth(mac, (unsigned char *)q, plen, key->key);
		eco_b64url_encode(mac, sizeof(mac), menc);
		is_int(eco_token_verify(&kr, eco_sprintf(a, "%s.%s", q, menc),
		    1500, NULL), ECO_TOKEN_MALFORMED,
		    "non-canonical payload is refused even with a valid MAC");
	}
	sodium_memzero(&kr, sizeof(kr));
	eco_arena_free(a);
}

static void
test_keyring_parse(void)
{
	static const struct {
		const char *text;
		const char *err;
	} bad[] = {
		{ "1 abc\n", "line 1: the key must be 64 hex digits" },
		{ "# c\n\n0 @\n", "line 3: the key id must be a number from 1 "
		    "to 2147483648" },
		{ "01 @\n", "line 1: the key id must be a number from 1 to "
		    "2147483648" },
		{ "2147483649 @\n", "line 1: the key id must be a number from "
		    "1 to 2147483648" },
		{ "-1 @\n", "line 1: the key id must be a number from 1 to "
		    "2147483648" },
		{ "x @\n", "line 1: the key id must be a number from 1 to "
		    "2147483648" },
		{ "1\n", "line 1: expected \"<key id> <64 hex digits>\"" },
		{ "1 @\n\n1 @\n", "line 3: duplicate key id 1" },
		{ "1 ~\n", "line 1: the key must be 64 hex digits" },
		{ "1 @0\n", "line 1: the key must be 64 hex digits" },
		{ "1 ~g\n", "line 1: the key must be 64 hex digits" },
		{ "1 @ x\n", "line 1: the key must be 64 hex digits" },
		{ "1 @\n2 @ #c\n", "line 2: the key must be 64 hex digits" },
		{ "1 000000000000000000000000000000000000000000000000000000000"
		    "0000000\n", "line 1: key 1 is all zeros" },
		{ "", "the keyring has no key" },
		{ "# only a comment\n\n   \n", "the keyring has no key" },
	};
	struct eco_keyring kr;
	char hex[65], text[1200], err[256], name[128];
	unsigned char key[ECO_KEY_BYTES];
	size_t i;
	int rc;

	randombytes_buf(key, sizeof(key));
	sodium_bin2hex(hex, sizeof(hex), key, sizeof(key));
	snprintf(text, sizeof(text), "# keys\n\n  5 %s\r\n2\t%s  \n"
	    "   # indented comment\n2147483648 %s", hex, hex, hex);
	rc = eco_keyring_parse(&kr, text, err, sizeof(err));
	is_int(rc, 0, "keyring with comments, blanks, CRLF, tabs parses");
	is_int(kr.count, 3, "three keys");
	ok(eco_keyring_current(&kr) != NULL &&
	    eco_keyring_current(&kr)->id == 2147483648U,
	    "the highest id signs");
	ok(eco_keyring_find(&kr, 5) != NULL &&
	    memcmp(eco_keyring_find(&kr, 5)->key, key, sizeof(key)) == 0,
	    "key material is decoded");
	ok(eco_keyring_find(&kr, 3) == NULL, "absent id is not found");
	ok(kr.keys[0].id == 2 && kr.keys[1].id == 5, "keys are sorted by id");
	ok(eco_keyring_find(NULL, 1) == NULL && eco_keyring_current(NULL) ==
	    NULL, "NULL keyring has no keys");

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		subst(text, sizeof(text), bad[i].text, hex);
		err[0] = '\0';
		rc = eco_keyring_parse(&kr, text, err, sizeof(err));
		snprintf(name, sizeof(name), "parse error: %s", bad[i].err);
		ok(rc == -1 && kr.count == 0 && strcmp(err, bad[i].err) == 0,
		    name);
		if (strcmp(err, bad[i].err) != 0)
			printf("#   got: %s\n", err);
	}

	text[0] = '\0';
	for (i = 1; i <= ECO_KEYRING_MAX + 1; i++) {
		size_t used = strlen(text);

		key_line(text + used, sizeof(text) - used, (unsigned)i);
	}
	rc = eco_keyring_parse(&kr, text, err, sizeof(err));
	ok(rc == -1 && strcmp(err, "line 9: more than 8 keys") == 0,
	    "a ninth key is refused with its line number");
	*strstr(text, "9 ") = '\0';
	is_int(eco_keyring_parse(&kr, text, err, sizeof(err)), 0,
	    "eight keys are fine");
	is_int(eco_keyring_parse(&kr, NULL, NULL, 0), -1,
	    "NULL text, no error buffer");
	sodium_memzero(&kr, sizeof(kr));
	sodium_memzero(key, sizeof(key));
}

static void
test_rotation(void)
{
	struct eco_arena *a = eco_arena_new();
	struct eco_keyring kr, kr2, kr3;
	struct eco_claims c;
	char *old, *fresh, *text, err[256];
	size_t i;
	int good;

	one_key_ring(&kr, 1);
	init_claims(&c, 7);
	old = eco_token_sign(a, &kr, &c);

	text = eco_keyring_rotated_text(&kr, 2);
	ok(text != NULL && text[0] == '#',
	    "rotated text starts with a comment");
	is_int(eco_keyring_parse(&kr2, text, err, sizeof(err)), 0,
	    "rotated text parses");
	is_int(kr2.count, 2, "old key kept, new key added");
	ok(eco_keyring_current(&kr2)->id == 2, "new key id is max + 1");
	ok(memcmp(eco_keyring_find(&kr2, 1)->key, kr.keys[0].key,
	    ECO_KEY_BYTES) == 0, "old key material is kept");
	ok(sodium_memcmp(kr2.keys[0].key, kr2.keys[1].key, ECO_KEY_BYTES) != 0,
	    "new key differs");
	sodium_memzero(text, strlen(text));
	free(text);

	is_int(eco_token_verify(&kr2, old, 1500, NULL), ECO_TOKEN_OK,
	    "rotated ring still verifies the old token");
	fresh = eco_token_sign(a, &kr2, &c);
	is_int(c.kid, 2, "rotated ring signs with the new key");
	is_int(eco_token_verify(&kr2, fresh, 1500, NULL), ECO_TOKEN_OK,
	    "new token verifies");
	is_int(eco_token_verify(&kr, fresh, 1500, NULL), ECO_TOKEN_UNKNOWN_KEY,
	    "the old ring does not know the new key");

	text = eco_keyring_rotated_text(&kr2, 1);
	is_int(eco_keyring_parse(&kr3, text, err, sizeof(err)), 0,
	    "keep 1 parses");
	free(text);
	ok(kr3.count == 1 && kr3.keys[0].id == 3, "keep 1: only the new key 3");
	is_int(eco_token_verify(&kr3, old, 1500, NULL), ECO_TOKEN_UNKNOWN_KEY,
	    "a ring without the old key refuses the old token");
	is_int(eco_token_verify(&kr3, fresh, 1500, NULL),
	    ECO_TOKEN_UNKNOWN_KEY, "and the previous one too");

	good = 1;
	for (i = 0; i < 12; i++) {
		text = eco_keyring_rotated_text(&kr3, 3);
		if (text == NULL || eco_keyring_parse(&kr3, text, err,
		    sizeof(err)) != 0)
			good = 0;
		free(text);
	}
	ok(good && kr3.count == 3 && kr3.keys[0].id == 13 &&
	    kr3.keys[2].id == 15, "twelve rotations keeping 3");
	text = eco_keyring_rotated_text(&kr3, 100);
	ok(text != NULL && eco_keyring_parse(&kr2, text, err, sizeof(err)) == 0
	    && kr2.count == 4, "keep is capped by what exists");
	free(text);
	text = eco_keyring_rotated_text(NULL, 2);
	ok(text != NULL && eco_keyring_parse(&kr2, text, err, sizeof(err)) == 0
	    && kr2.count == 1 && kr2.keys[0].id == 1,
	    "rotating nothing makes key 1");
	free(text);
	ok(eco_keyring_parse(&kr2, "2147483648 0101010101010101010101010101"
	    "010101010101010101010101010101010101", err, sizeof(err)) == 0 &&
	    eco_keyring_rotated_text(&kr2, 2) == NULL,
	    "no rotation past id 2^31");

	sodium_memzero(&kr, sizeof(kr));
	sodium_memzero(&kr2, sizeof(kr2));
	sodium_memzero(&kr3, sizeof(kr3));
	eco_arena_free(a);
}

static int
write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_TRUNC);
	size_t n = strlen(text);

	if (fd == -1)
		return -1;
	if (write(fd, text, n) != (ssize_t)n) {
		close(fd);
		return -1;
	}
	return close(fd);
}

static void
test_keyring_file(void)
{
	struct eco_keyring kr;
	char path[] = "/tmp/eco-keyring-XXXXXX", link[64], line[128];
	char err[512], want[512], *text, *big;
	int fd;

	if ((fd = mkstemp(path)) == -1) {
		ok(0, "mkstemp");
		return;
	}
	close(fd);
	key_line(line, sizeof(line), 1);
	write_file(path, line);

	is_int(eco_keyring_load(&kr, path, err, sizeof(err)), 0,
	    "mode 0600 file loads");
	ok(kr.count == 1 && strcmp(kr.path, path) == 0,
	    "load remembers the path");
	ok(kr.mtime != 0 && kr.size == (long long)strlen(line),
	    "load remembers mtime and size");

	chmod(path, 0644);
	snprintf(want, sizeof(want), "keyring file %s must not be readable by "
	    "group or others (chmod 600)", path);
	ok(eco_keyring_load(&kr, path, err, sizeof(err)) == -1 &&
	    kr.count == 0, "mode 0644 is refused");
	is_str(err, want, "with a message saying what to do");
	chmod(path, 0640);
	is_int(eco_keyring_load(&kr, path, err, sizeof(err)), -1,
	    "mode 0640 is refused");
	chmod(path, 0602);
	is_int(eco_keyring_load(&kr, path, err, sizeof(err)), -1,
	    "mode 0602 is refused");
	chmod(path, 0400);
	is_int(eco_keyring_load(&kr, path, err, sizeof(err)), 0,
	    "mode 0400 loads");
	chmod(path, 0600);

	snprintf(link, sizeof(link), "%s.lnk", path);
	if (symlink(path, link) == 0) {
		ok(eco_keyring_load(&kr, link, err, sizeof(err)) == -1 &&
		    strstr(err, "symbolic link") != NULL,
		    "a symbolic link is refused");
		unlink(link);
	} else
		ok(0, "symlink");
	ok(eco_keyring_load(&kr, "/tmp", err, sizeof(err)) == -1 &&
	    strstr(err, "not a regular file") != NULL,
	    "a directory is refused");
	ok(eco_keyring_load(&kr, "/nonexistent/keys", err, sizeof(err)) ==
	    -1 && strstr(err, "No such file") != NULL,
	    "a missing file is refused");

	write_file(path, "1 nothex\n");
	ok(eco_keyring_load(&kr, path, err, sizeof(err)) == -1 &&
	    strstr(err, ": line 1: ") != NULL,
	    "parse errors name the file and line");
	big = malloc(70000);
	memset(big, '#', 69999);
	big[69999] = '\0';
	write_file(path, big);
	ok(eco_keyring_load(&kr, path, err, sizeof(err)) == -1 &&
	    strstr(err, "64 KiB") != NULL, "a file over 64 KiB is refused");
	free(big);

	/* Refresh. */
	write_file(path, line);
	is_int(eco_keyring_load(&kr, path, err, sizeof(err)), 0, "reload");
	eco_keyring_refresh(&kr, 100, NULL, 0);
	ok(kr.count == 1 && kr.checked_at == 100,
	    "refresh of an unchanged file keeps it");
	text = eco_keyring_rotated_text(&kr, 2);
	write_file(path, text);
	free(text);
	eco_keyring_refresh(&kr, 100, NULL, 0);
	is_int(kr.count, 1, "no second look within the same second");
	eco_keyring_refresh(&kr, 101, NULL, 0);
	ok(kr.count == 2 && eco_keyring_current(&kr)->id == 2,
	    "refresh picks up the rewritten file");
	ok(kr.checked_at == 101 && strcmp(kr.path, path) == 0,
	    "refreshed ring still knows its file");

	write_file(path, "garbage, a half-written file\n");
	eco_keyring_refresh(&kr, 102, NULL, 0);
	is_int(kr.count, 2, "an invalid new file keeps the old keys");
	text = eco_keyring_rotated_text(&kr, 3);
	write_file(path, text);
	free(text);
	chmod(path, 0644);
	eco_keyring_refresh(&kr, 103, NULL, 0);
	is_int(kr.count, 2, "a new file readable by others keeps the old keys");
	chmod(path, 0600);
	eco_keyring_refresh(&kr, 104, NULL, 0);
	ok(kr.count == 3 && eco_keyring_current(&kr)->id == 3,
	    "once fixed, the new file is picked up");
	unlink(path);
	eco_keyring_refresh(&kr, 105, NULL, 0);
	is_int(kr.count, 3, "a removed file keeps the old keys");

	sodium_memzero(&kr, sizeof(kr));
	sodium_memzero(line, sizeof(line));
}

static void
test_csrf(void)
{
	struct eco_arena *a = eco_arena_new();
	struct eco_keyring kr, other, rotated;
	unsigned char mac[crypto_auth_BYTES], got[crypto_auth_BYTES + 3];
	char *t, *p, *big, *text, msg[64], err[256];
	size_t i, j, len, refused = 0, tried = 0;

	one_key_ring(&kr, 4);
	t = eco_csrf_token(a, &kr, "0123456789abcdef0123456789abcdef");
	ok(t != NULL && strncmp(t, "4.", 2) == 0 && strlen(t) == 45,
	    "CSRF token is \"<kid>.<43 chars>\"");
	if (t == NULL) {
		eco_arena_free(a);
		return;
	}
	ok(eco_csrf_verify(&kr, "0123456789abcdef0123456789abcdef", t),
	    "CSRF token verifies for its binding");
	snprintf(msg, sizeof(msg), "csrf:%s",
	    "0123456789abcdef0123456789abcdef");
	crypto_auth(mac, (unsigned char *)msg, strlen(msg), kr.keys[0].key);
	ok(eco_b64url_decode(t + 2, strlen(t + 2), got) == crypto_auth_BYTES &&
	    memcmp(mac, got, sizeof(mac)) == 0,
	    "the MAC is crypto_auth over \"csrf:\" binding");
	ok(!eco_csrf_verify(&kr, "0123456789abcdef0123456789abcdee", t),
	    "another binding is refused");
	ok(!eco_csrf_verify(&kr, "", t), "empty binding is refused");
	ok(eco_csrf_token(a, &kr, "") == NULL, "no token for an empty binding");
	ok(!eco_csrf_verify(&kr, NULL, t) && !eco_csrf_verify(&kr, "x", NULL),
	    "NULL binding or token is refused");

	len = strlen(t);
	p = eco_strdup(a, t);
	for (i = 0; i < len; i++) {
		for (j = 0; j < 64; j++) {
			if (alphabet[j] == t[i])
				continue;
			p[i] = alphabet[j];
			tried++;
			if (!eco_csrf_verify(&kr,
			    "0123456789abcdef0123456789abcdef", p))
				refused++;
		}
		p[i] = t[i];
	}
	is_int(refused, tried, "every single-character change is refused");

	one_key_ring(&other, 4);
	ok(!eco_csrf_verify(&other, "0123456789abcdef0123456789abcdef", t),
	    "another keyring is refused");
	text = eco_keyring_rotated_text(&kr, 2);
	eco_keyring_parse(&rotated, text, err, sizeof(err));
	free(text);
	ok(eco_csrf_verify(&rotated, "0123456789abcdef0123456789abcdef", t),
	    "a rotated ring still accepts the old CSRF token");
	ok(strncmp(eco_csrf_token(a, &rotated, "b"), "5.", 2) == 0,
	    "and signs new ones with the new key");

	ok(!eco_csrf_verify(&kr, "b", eco_sprintf(a, "04%s", t + 1)),
	    "key id with a leading zero is refused");
	ok(!eco_csrf_verify(&kr, "b", eco_sprintf(a, "%s=", t)),
	    "MAC with padding is refused");
	big = eco_alloc(a, 101);
	memset(big, 'A', 100);
	big[0] = '4';
	big[1] = '.';
	big[100] = '\0';
	ok(!eco_csrf_verify(&kr, "b", big), "overlong token is refused");
	ok(!eco_csrf_verify(&kr, "b", "4"), "no dot is refused");
	ok(!eco_csrf_verify(&kr, "b", ""), "empty token is refused");
	ok(!eco_csrf_verify(&kr, "b", ".AAAA"), "no key id is refused");
	ok(!eco_csrf_verify(&kr, "0123456789abcdef0123456789abcdef",
	    eco_sprintf(a, "%s.", t)), "a second dot is refused");
	memset(&other, 0, sizeof(other));
	ok(eco_csrf_token(a, &other, "b") == NULL, "empty ring makes no token");
	ok(!eco_csrf_verify(&other, "0123456789abcdef0123456789abcdef", t),
	    "empty ring accepts nothing");

	sodium_memzero(&kr, sizeof(kr));
	sodium_memzero(&rotated, sizeof(rotated));
	eco_arena_free(a);
}

int
main(void)
{
	if (sodium_init() < 0) {
		puts("Bail out! sodium_init failed");
		return 1;
	}
	test_b64();
	test_sign_verify();
	test_malformed();
	test_keyring_parse();
	test_rotation();
	test_keyring_file();
	test_csrf();
	return tap_done();
}
