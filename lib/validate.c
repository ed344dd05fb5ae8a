/*
 * Validation of IIN, BIN and e-mail addresses.  Pure functions: no I/O,
 * no allocation, every loop bounded by the input or a fixed length.
 */
#include <stdbool.h>
#include <string.h>

#include "utf8.h"
#include "validate.h"

#define ID_DIGITS	12
#define EMAIL_MAX	254
#define LOCAL_MAX	64
#define LABEL_MAX	63

/*
 * The check shared by IIN and BIN.  The first weighting gives 10 for about
 * one number in eleven; those get a second weighting, and a number for
 * which that gives 10 too cannot have a valid check digit at all.
 */
static bool
id_valid(const char *s)
{
	static const int w1[ID_DIGITS - 1] = {
		1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
	};
	static const int w2[ID_DIGITS - 1] = {
		3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2
	};
	int d[ID_DIGITS], sum, check, i;

	if (s == NULL)
		return false;
	/* Stops at the NUL, so never reads past a short string. */
	for (i = 0; i < ID_DIGITS; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		d[i] = s[i] - '0';
	}
	if (s[ID_DIGITS] != '\0')
		return false;

	for (sum = 0, i = 0; i < ID_DIGITS - 1; i++)
		sum += d[i] * w1[i];
	check = sum % 11;
	if (check == 10) {
		for (sum = 0, i = 0; i < ID_DIGITS - 1; i++)
			sum += d[i] * w2[i];
		check = sum % 11;
		if (check == 10)
			return false;
	}
	return check == d[ID_DIGITS - 1];
}

bool
eco_iin_valid(const char *s)
{
	return id_valid(s);
}

bool
eco_bin_valid(const char *s)
{
	return id_valid(s);
}

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* RFC 5322 atext: letters, digits and these specials; no quotes, no space. */
static bool
is_atext(char c)
{
	return is_alpha(c) || is_digit(c) ||
	    (c != '\0' && strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL);
}

/* Dot-separated atext: no leading, trailing or doubled dot. */
static bool
local_valid(const char *s, size_t n)
{
	size_t i;

	if (n < 1 || n > LOCAL_MAX || s[0] == '.' || s[n - 1] == '.')
		return false;
	for (i = 0; i < n; i++) {
		if (s[i] == '.') {
			if (s[i + 1] == '.')	/* s[n - 1] is not a dot */
				return false;
		} else if (!is_atext(s[i]))
			return false;
	}
	return true;
}

/* Letters, digits and hyphens, not at either end. */
static bool
label_valid(const char *s, size_t n)
{
	size_t i;

	if (n < 1 || n > LABEL_MAX || s[0] == '-' || s[n - 1] == '-')
		return false;
	for (i = 0; i < n; i++)
		if (!is_alpha(s[i]) && !is_digit(s[i]) && s[i] != '-')
			return false;
	return true;
}

/*
 * Two or more labels, the last of two or more letters.  That rules out IP
 * literals ("[192.0.2.1]", "192.0.2.1") and single-label hosts.
 */
static bool
domain_valid(const char *s, size_t n)
{
	size_t start = 0, end, labels = 0, i;

	for (;;) {
		const char *dot = memchr(s + start, '.', n - start);

		end = dot ? (size_t)(dot - s) : n;
		if (!label_valid(s + start, end - start))
			return false;
		labels++;
		if (dot == NULL)
			break;
		start = end + 1;
	}
	if (labels < 2 || end - start < 2)
		return false;
	for (i = start; i < end; i++)
		if (!is_alpha(s[i]))
			return false;
	return true;
}

bool
eco_email_valid(const char *s)
{
	const char *at;
	size_t len;

	if (s == NULL)
		return false;
	len = strnlen(s, EMAIL_MAX + 1);
	if (len > EMAIL_MAX)
		return false;
	/* The local part has no '@', so the first one splits. */
	if ((at = memchr(s, '@', len)) == NULL)
		return false;
	return local_valid(s, (size_t)(at - s)) &&
	    domain_valid(at + 1, len - (size_t)(at - s) - 1);
}

void
eco_email_normalize(const char *s, char *out, size_t outlen)
{
	size_t i;

	if (outlen == 0)
		return;
	for (i = 0; i + 1 < outlen && s[i] != '\0'; i++)
		out[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') :
		    s[i];
	out[i] = '\0';
}

long long
eco_parse_id(const char *s)
{
	long long v = 0;
	size_t i, n = s != NULL ? strlen(s) : 0;

	if (n == 0 || n > 15 || s[0] == '0')
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

long
eco_parse_count(const char *s, long max)
{
	long v = 0;
	size_t i, n = s != NULL ? strlen(s) : 0;

	if (n == 0 || n > 12)
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v <= max ? v : -1;
}

bool
eco_text_ok(const char *s, size_t max_chars, bool multiline)
{
	size_t n;

	if (s == NULL)
		return false;
	n = strlen(s);
	/* Blank (only spaces, tabs and line breaks) counts as missing. */
	return n > 0 && strspn(s, " \t\r\n") < n &&
	    eco_text_valid(s, n, multiline) && eco_utf8_length(s, n) <= max_chars;
}

void
eco_field_error_add(struct eco_field_error *errors, size_t *n, size_t max,
    const char *field, const char *code, const char *message)
{
	if (*n >= max)
		return;
	errors[*n].field = field;
	errors[*n].code = code;
	errors[*n].message = message;
	(*n)++;
}

bool
eco_key_ok(const char *s, size_t max_len)
{
	size_t i, n;

	if (s == NULL || (n = strlen(s)) < 2 || n > max_len || s[0] == '-')
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	return true;
}
