/*
 * Passwords: Argon2id hashes in the crypto_pwhash_str format, which carries
 * its own salt and parameters, so old hashes keep verifying if the limits
 * below are raised one day.
 */
#include <stdbool.h>
#include <string.h>

#include <sodium.h>

#include "password.h"
#include "utf8.h"

/*
 * Counted in code points, not bytes, so that a Kazakh or Russian password
 * is not held to a shorter rule than a Latin one.  The byte limit only
 * keeps a hostile client from making us hash megabytes.
 */
bool
eco_password_acceptable(const char *pw)
{
	size_t len;

	if (pw == NULL)
		return false;
	len = strnlen(pw, ECO_PASSWORD_MAX_BYTES + 1);
	if (len > ECO_PASSWORD_MAX_BYTES)
		return false;
	return eco_text_valid(pw, len, false) &&
	    eco_utf8_length(pw, len) >= ECO_PASSWORD_MIN_CHARS;
}

int
eco_password_hash(const char *pw, char out[crypto_pwhash_STRBYTES])
{
	if (pw == NULL)
		return -1;
	/* crypto_pwhash_str is Argon2id since libsodium 1.0.15. */
	if (crypto_pwhash_str(out, pw, strlen(pw),
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return -1;
	return 0;
}

bool
eco_password_verify(const char *hash, const char *pw)
{
	if (hash == NULL || pw == NULL)
		return false;
	/* A stored hash is always shorter than the buffer it came from. */
	if (strnlen(hash, crypto_pwhash_STRBYTES) >= crypto_pwhash_STRBYTES)
		return false;
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

/*
 * The dummy hash is made on first use, with the same parameters as real
 * ones, so the work matches.  A worker process is single-threaded, so the
 * lazy initialisation needs no lock.
 */
void
eco_password_verify_dummy(const char *pw)
{
	static char hash[crypto_pwhash_STRBYTES];
	static bool ready;

	if (!ready) {
		unsigned char secret[32];
		char hex[2 * sizeof(secret) + 1];

		randombytes_buf(secret, sizeof(secret));
		sodium_bin2hex(hex, sizeof(hex), secret, sizeof(secret));
		ready = eco_password_hash(hex, hash) == 0;
		sodium_memzero(secret, sizeof(secret));
		sodium_memzero(hex, sizeof(hex));
		if (!ready)
			return;
	}
	(void)eco_password_verify(hash, pw != NULL ? pw : "");
}
