/*
 * Unit tests of the pure rules of following by e-mail
 * (handlers/requests/follow.c): the tokens of the links, the address from
 * the form, and when a confirmation mail goes out, which bounds what the
 * form can make the portal send to an address nobody confirmed.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "follow.h"
#include "tap.h"
#include "token.h"

static struct eco_arena *arena;

static void
test_tokens(void)
{
	const char *a, *b;
	size_t i;
	int bad = 0;

	ok(follow_token_valid("0123456789abcdef0123456789abcdef"),
	    "32 lower-case hex digits");
	ok(!follow_token_valid("0123456789ABCDEF0123456789abcdef"),
	    "upper case is not how tokens are made");
	ok(!follow_token_valid("0123456789abcdef0123456789abcde"), "31 digits");
	ok(!follow_token_valid("0123456789abcdef0123456789abcdef0"),
	    "33 digits");
	ok(!follow_token_valid("0123456789abcdef0123456789abcdeg"), "a g");
	ok(!follow_token_valid("0123456789abcdef 123456789abcdef"), "a space");
	ok(!follow_token_valid("../../../../../../../etc/passwd0"),
	    "a path of the right length");
	ok(!follow_token_valid(""), "empty");
	ok(!follow_token_valid(NULL), "NULL");

	/* What follow.c makes with libsodium is what it accepts. */
	for (i = 0; i < 200; i++) {
		a = eco_random_hex(arena, FOLLOW_TOKEN_BYTES);
		if (!follow_token_valid(a))
			bad++;
	}
	is_int(bad, 0, "200 fresh tokens are valid tokens");
	a = eco_random_hex(arena, FOLLOW_TOKEN_BYTES);
	b = eco_random_hex(arena, FOLLOW_TOKEN_BYTES);
	ok(strcmp(a, b) != 0, "two fresh tokens differ");
	is_int(strlen(eco_random_hex(arena, 64)), 128, "64 bytes: 128 digits");
	is_int(strlen(eco_random_hex(arena, 1000)), 128,
	    "more than 64 bytes is capped at 64");
}

static const char *
email(const char *raw)
{
	char out[FOLLOW_EMAIL_MAX + 1];
	const char *why = follow_email_check(raw, out, sizeof(out));

	return why != NULL ? why : eco_strdup(arena, out);
}

static void
test_email(void)
{
	char long_local[300];
	char small[8];

	is_str(email("Aigerim.S@Example.KZ"), "aigerim.s@example.kz",
	    "an address, lower-cased");
	is_str(email("a+tag@mail.kz"), "a+tag@mail.kz", "a plus tag");
	is_str(email(NULL), "Enter your e-mail address.", "missing");
	is_str(email(""), "Enter your e-mail address.", "empty");
	is_str(email("not an address"), "Enter a valid e-mail address.",
	    "not an address");
	is_str(email("a@b"), "Enter a valid e-mail address.",
	    "a domain without a dot");
	is_str(email("a@b.kz\r\nBcc: x@y.kz"), "Enter a valid e-mail address.",
	    "a header injection");
	is_str(email("a@b.kz, c@d.kz"), "Enter a valid e-mail address.",
	    "two addresses");
	is_str(email("айгерім@пошта.қаз"), "Enter a valid e-mail address.",
	    "a non-ASCII address (the mailer sends ASCII only)");
	memset(long_local, 'a', 250);
	strcpy(long_local + 250, "@b.kz");
	is_str(email(long_local), "Enter a valid e-mail address.",
	    "255 bytes: over the limit");
	ok(follow_email_check("a@example.kz", small, sizeof(small)) != NULL,
	    "an address longer than the caller's buffer is refused, not cut");
}

static void
test_decide(void)
{
	const long long day = FOLLOW_RESEND_SECONDS;

	is_int(follow_decide(false, false, 0, 0), FOLLOW_MAIL_NEW,
	    "a first form: a new follow and its mail");
	is_int(follow_decide(false, false, 0, FOLLOW_PENDING_MAX - 1),
	    FOLLOW_MAIL_NEW, "under the daily cap of the address");
	is_int(follow_decide(false, false, 0, FOLLOW_PENDING_MAX),
	    FOLLOW_QUIET, "at the cap: nothing more today");
	is_int(follow_decide(true, false, 0, 1), FOLLOW_QUIET,
	    "the same form again at once: no second mail");
	is_int(follow_decide(true, false, day - 1, 1), FOLLOW_QUIET,
	    "a second before the day is over: still none");
	is_int(follow_decide(true, false, day, 0), FOLLOW_MAIL_AGAIN,
	    "a day later: the same link once more");
	is_int(follow_decide(true, false, day, FOLLOW_PENDING_MAX),
	    FOLLOW_QUIET, "a day later but at the cap: none");
	is_int(follow_decide(true, true, 0, 0), FOLLOW_QUIET,
	    "following already: nothing, and the page says the same");
	is_int(follow_decide(true, true, 10 * day, 0), FOLLOW_QUIET,
	    "following for long: still nothing");
}

int
main(void)
{
	if (sodium_init() < 0)
		return 1;
	arena = eco_arena_new();
	test_tokens();
	test_email();
	test_decide();
	eco_arena_free(arena);
	return tap_done();
}
