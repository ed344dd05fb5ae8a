/*
 * Unit tests of password rules and Argon2id hashing.  Each hash costs
 * about 64 MiB and a fraction of a second, so there are only a few.
 */
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "password.h"
#include "tap.h"

static void
test_acceptable(void)
{
	char buf[ECO_PASSWORD_MAX_BYTES + 2];
	int i;

	ok(!eco_password_acceptable(NULL), "NULL is not a password");
	ok(!eco_password_acceptable(""), "empty is refused");
	ok(!eco_password_acceptable("123456789"), "9 ASCII characters refused");
	ok(eco_password_acceptable("1234567890"), "10 ASCII characters pass");
	/* 9 and 10 Cyrillic letters: 18 and 20 bytes. */
	ok(!eco_password_acceptable("абвгдежзи"),
	    "9 Cyrillic letters (18 bytes) are refused");
	ok(eco_password_acceptable("абвгдежзий"),
	    "10 Cyrillic letters (20 bytes) pass");
	ok(eco_password_acceptable("Қазақстан1"), "10 Kazakh code points pass");
	ok(!eco_password_acceptable("\xf0\x9f\x8c\xb3\xf0\x9f\x8c\xb3"
	    "\xf0\x9f\x8c\xb3"), "3 emoji (12 bytes) are refused");
	ok(eco_password_acceptable("correct horse battery"),
	    "spaces are allowed");
	ok(eco_password_acceptable("tab\there12"), "a tab is allowed");
	ok(!eco_password_acceptable("line one\nline two"),
	    "a newline is refused");
	ok(!eco_password_acceptable("0123456789\r"), "a CR is refused");
	ok(!eco_password_acceptable("0123456789\x7f"), "DEL is refused");
	ok(!eco_password_acceptable("0123456789\xc2\x85"), "C1 NEL is refused");
	ok(!eco_password_acceptable("0123456789\xff"), "invalid UTF-8 refused");
	ok(!eco_password_acceptable("0123456789\xd0"),
	    "truncated UTF-8 is refused");
	ok(!eco_password_acceptable("0123456789\xc0\xaf"), "overlong refused");
	ok(!eco_password_acceptable("0123456789\xed\xa0\x80"),
	    "a surrogate is refused");

	memset(buf, 'a', ECO_PASSWORD_MAX_BYTES);
	buf[ECO_PASSWORD_MAX_BYTES] = '\0';
	ok(eco_password_acceptable(buf), "1024 bytes pass");
	buf[ECO_PASSWORD_MAX_BYTES] = 'a';
	buf[ECO_PASSWORD_MAX_BYTES + 1] = '\0';
	ok(!eco_password_acceptable(buf), "1025 bytes are refused");
	/* 512 two-byte letters are 1024 bytes; one more is too many. */
	for (i = 0; i < ECO_PASSWORD_MAX_BYTES; i += 2)
		memcpy(buf + i, "ж", 2);
	buf[ECO_PASSWORD_MAX_BYTES] = '\0';
	ok(eco_password_acceptable(buf),
	    "512 Cyrillic letters (1024 bytes) pass");
}

static double
seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
test_hash(void)
{
	char h1[crypto_pwhash_STRBYTES], h2[crypto_pwhash_STRBYTES];
	char h3[crypto_pwhash_STRBYTES], forged[200];
	double t0, real, dummy;

	is_int(eco_password_hash("correct horse battery", h1), 0, "hash works");
	ok(strncmp(h1, "$argon2id$", 10) == 0, "hash is Argon2id");
	ok(strstr(h1, "$m=65536,t=2,p=1$") != NULL,
	    "hash uses the interactive limits (64 MiB, 2 passes)");
	ok(strlen(h1) < crypto_pwhash_STRBYTES, "hash fits its buffer");
	is_int(eco_password_hash("correct horse battery", h2), 0,
	    "second hash works");
	ok(strcmp(h1, h2) != 0, "two hashes of one password differ (salt)");

	t0 = seconds();
	ok(eco_password_verify(h1, "correct horse battery"),
	    "right password verifies");
	real = seconds() - t0;
	ok(eco_password_verify(h2, "correct horse battery"),
	    "right password verifies against the other hash");
	ok(!eco_password_verify(h1, "correct horse batterY"),
	    "wrong password is refused");
	ok(!eco_password_verify(h1, ""), "empty password is refused");
	ok(!eco_password_verify(h1, NULL), "NULL password is refused");
	ok(!eco_password_verify(NULL, "x"), "NULL hash is refused");
	ok(!eco_password_verify("", "x"), "empty hash is refused");
	ok(!eco_password_verify("$argon2id$garbage", "x"),
	    "garbage hash is refused");
	memset(forged, 'a', sizeof(forged) - 1);
	forged[sizeof(forged) - 1] = '\0';
	ok(!eco_password_verify(forged, "x"), "overlong hash is refused");

	is_int(eco_password_hash("пароль-ерекше", h3), 0,
	    "hash of a Cyrillic password");
	ok(eco_password_verify(h3, "пароль-ерекше"), "Cyrillic round trip");
	ok(!eco_password_verify(h3, "пароль-ерекшe"),
	    "a Latin 'e' for a Cyrillic 'е' is refused");

	eco_password_verify_dummy("anything at all");	/* builds its hash */
	t0 = seconds();
	eco_password_verify_dummy("anything at all");
	dummy = seconds() - t0;
	eco_password_verify_dummy(NULL);
	ok(1, "dummy verification runs, also for NULL");
	/*
	 * A loose bound, not to be flaky on a busy machine: the point is that
	 * it does real Argon2id work instead of returning at once.
	 */
	ok(dummy > real / 10,
	    "dummy verification does the work of a real one");
	printf("# real %.3fs, dummy %.3fs\n", real, dummy);
	sodium_memzero(h1, sizeof(h1));
}

int
main(void)
{
	if (sodium_init() < 0) {
		puts("Bail out! sodium_init failed");
		return 1;
	}
	test_acceptable();
	test_hash();
	return tap_done();
}
