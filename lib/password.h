/* Passwords: Argon2id through libsodium's crypto_pwhash_str. */
#ifndef ECO_PASSWORD_H
#define ECO_PASSWORD_H

#include <stdbool.h>

#include <sodium.h>

#define ECO_PASSWORD_MIN_CHARS	10	/* code points */
#define ECO_PASSWORD_MAX_BYTES	1024

/* Long enough, not too long, valid text. */
bool	eco_password_acceptable(const char *);
/* 0, or -1 when out of memory. */
int	eco_password_hash(const char *, char out[crypto_pwhash_STRBYTES]);
bool	eco_password_verify(const char *hash, const char *password);
/*
 * Spends the same time as a verification against a real hash, so that a
 * login for an unknown e-mail takes as long as one with a wrong password.
 */
void	eco_password_verify_dummy(const char *password);

#endif
