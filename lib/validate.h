/*
 * Validation of identifiers the portal receives: IIN, BIN and e-mail.
 * Pure functions.
 */
#ifndef ECO_VALIDATE_H
#define ECO_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * IIN (individuals) and BIN (legal entities) share one check: 12 digits; the
 * 12th is the sum of d_i * i for i = 1..11 mod 11; if that is 10, the sum
 * with weights 3,4,5,6,7,8,9,10,11,1,2 mod 11; if that is 10 again the
 * number is invalid.
 */
bool	eco_iin_valid(const char *);
bool	eco_bin_valid(const char *);

/*
 * A practical e-mail check: local@domain, at most 254 bytes, local part of
 * atext and single dots (1-64 bytes), a domain of two or more LDH labels
 * (each 1-63 bytes, not starting or ending with '-') and a final label of
 * letters.  ASCII only.
 */
bool	eco_email_valid(const char *);
/* Lower-cased copy into out (outlen >= strlen + 1); the address is ASCII. */
void	eco_email_normalize(const char *, char *out, size_t outlen);

/*
 * A record id or page number from outside: 1 to 15 decimal digits, no sign,
 * no leading zero, not zero.  The value, or -1 for anything else.
 */
long long eco_parse_id(const char *);
/* A count from outside: 0 to max in decimal digits only; -1 otherwise. */
long	eco_parse_count(const char *, long max);

/*
 * A text field from outside: not NULL, not blank, valid text (utf8.h; one
 * line unless multiline) of at most max_chars code points.
 */
bool	eco_text_ok(const char *, size_t max_chars, bool multiline);

/*
 * A key made by people for URLs and files ("kimasar-river-2017"): lowercase
 * Latin letters, digits and hyphens, not a hyphen first, 2 to max_len
 * characters.  Not NULL.
 */
bool	eco_key_ok(const char *, size_t max_len);

/* One problem with one field of a form or a JSON body. */
struct eco_field_error {
	const char	*field;		/* form field name, "iin" */
	const char	*code;		/* API error code, "invalid_iin" */
	const char	*message;	/* English msgid */
};

/* Appends a problem to errors[*n] unless *n has reached max. */
void	eco_field_error_add(struct eco_field_error *errors, size_t *n,
	    size_t max, const char *field, const char *code,
	    const char *message);

#endif
