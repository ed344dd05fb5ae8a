/*
 * Signed session tokens and CSRF tokens.
 *
 * A token is base64url(payload) "." base64url(mac).  The payload is ASCII:
 *
 *     v1:<session id, 32 hex>:<user id>:<role bit>:<issued at>:<expires at>:<key id>
 *
 * with times in Unix seconds.  The MAC is crypto_auth (HMAC-SHA-512-256)
 * over the encoded payload with the key named by the key id.  Verifying is
 * pure computation; whether the session was revoked is the database's
 * business (see app.c).
 *
 * The keyring is a file of lines "<key id> <64 hex digits>", mode 0600.
 * The highest key id signs; every key in the file verifies, so a rotated
 * key keeps old sessions valid until they expire.
 */
#ifndef ECO_TOKEN_H
#define ECO_TOKEN_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <sodium.h>

#define ECO_KEY_BYTES		32
#define ECO_KEYRING_MAX		8
#define ECO_SESSION_ID_BYTES	16

struct eco_arena;

struct eco_key {
	unsigned	id;
	unsigned char	key[ECO_KEY_BYTES];
	/* HMAC state with the key's pads already hashed: set when the key is
	 * parsed, so a MAC per request costs only the message. */
	crypto_auth_hmacsha512256_state hmac;
};

struct eco_keyring {
	struct eco_key	keys[ECO_KEYRING_MAX];
	size_t		count;
	/* Where it was loaded from, to notice rotation (eco_keyring_refresh). */
	char		path[4096];
	time_t		mtime;
	long		mtime_nsec;
	long long	size;
	time_t		checked_at;
	time_t		bad_ctime;	/* ctime of a version that failed */
	long		bad_ctime_nsec;
};

/*
 * Parses keyring text.  0, or -1 with a message: bad line, duplicate id,
 * more than ECO_KEYRING_MAX keys, no key at all.  On error the keyring is
 * left empty.
 */
int	eco_keyring_parse(struct eco_keyring *, const char *text,
	    char *err, size_t errlen);
/* Loads the file; refuses one readable by group or others. */
int	eco_keyring_load(struct eco_keyring *, const char *path,
	    char *err, size_t errlen);
/*
 * Reloads the file if it changed since it was loaded, looking at most once
 * a second.  Keeps the old keys if the new file is unreadable or invalid.
 * Returns 1 when it reloaded, 0 when nothing changed, and -1 with the
 * reason in err the first time a given version of the file fails.
 */
int	eco_keyring_refresh(struct eco_keyring *, time_t now, char *err,
	    size_t errlen);
/* The signing key: the one with the highest id. */
const struct eco_key *eco_keyring_current(const struct eco_keyring *);
const struct eco_key *eco_keyring_find(const struct eco_keyring *, unsigned id);
/*
 * Text of a keyring with one more, newer key, keeping the newest keep-1.
 * malloc'd: the caller wipes (sodium_memzero) and frees it.  NULL when out
 * of memory or out of key ids.
 */
char	*eco_keyring_rotated_text(const struct eco_keyring *, size_t keep);

struct eco_claims {
	unsigned char	sid[ECO_SESSION_ID_BYTES];
	char		sid_hex[2 * ECO_SESSION_ID_BYTES + 1];
	long long	uid;
	int		role;		/* one enum eco_role bit */
	long long	issued_at;
	long long	expires_at;
	unsigned	kid;
};

enum eco_token_result {
	ECO_TOKEN_OK = 0,
	ECO_TOKEN_MALFORMED,
	ECO_TOKEN_UNKNOWN_KEY,
	ECO_TOKEN_BAD_MAC,
	ECO_TOKEN_EXPIRED
};

/*
 * n fresh random bytes (randombytes_buf) as 2n lower-case hex digits, on
 * the arena: links in mail, pre-sessions, tokens against resubmission.
 */
char	*eco_random_hex(struct eco_arena *, size_t n);

/* Fills sid/sid_hex with fresh random bytes. */
void	eco_claims_new_sid(struct eco_claims *);
/*
 * Signs claims with the current key (sets claims->kid, and sid_hex from
 * sid); string in the arena.  NULL if the keyring is empty or the claims
 * would not verify (negative uid or time, role not one bit, expires_at not
 * after issued_at).
 */
char	*eco_token_sign(struct eco_arena *, const struct eco_keyring *,
	    struct eco_claims *);
/* out (may be NULL) is filled on ECO_TOKEN_OK and zeroed otherwise. */
enum eco_token_result eco_token_verify(const struct eco_keyring *,
	    const char *token, long long now, struct eco_claims *out);

/*
 * CSRF tokens bound to a string (the session id, or the anonymous
 * pre-session cookie): "<key id>.<base64url mac>".  Verification accepts
 * any key in the ring and compares in constant time.  An empty binding
 * would make one token valid for everybody: no token (NULL) and no match.
 */
char	*eco_csrf_token(struct eco_arena *, const struct eco_keyring *,
	    const char *binding);
bool	eco_csrf_verify(const struct eco_keyring *, const char *binding,
	    const char *token);

#endif
