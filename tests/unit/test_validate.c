/* Unit tests of IIN/BIN check digits, e-mail validation and role names. */
#include <stdbool.h>
#include <string.h>

#include "roles.h"
#include "validate.h"
#include "tap.h"

/*
 * The check digit of an 11-digit prefix computed here independently of
 * lib/validate.c, straight from the published rule; -1 when the second
 * weighting also gives 10.
 */
static int
reference_check(const char *p)
{
	static const int second[11] = { 3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2 };
	int i, sum = 0;

	for (i = 0; i < 11; i++)
		sum += (p[i] - '0') * (i + 1);
	if (sum % 11 != 10)
		return sum % 11;
	for (sum = 0, i = 0; i < 11; i++)
		sum += (p[i] - '0') * second[i];
	return sum % 11 == 10 ? -1 : sum % 11;
}

static bool
first_pass_is_10(const char *p)
{
	int i, sum = 0;

	for (i = 0; i < 11; i++)
		sum += (p[i] - '0') * (i + 1);
	return sum % 11 == 10;
}

static void
test_iin(void)
{
	/* Computed by hand (and by a Python one-liner) from the rule. */
	static const char *valid[] = {
		"880101300010",	/* first pass 0 */
		"900515400123",	/* first pass 3 */
		"951231450673",
		"000201501231",
		"980702400005",
		"851103000159",
		"040305500018",
		"123456789013",	/* first pass 10, second 3 */
		"880101300111",	/* first pass 10, second 1 */
		"880101300172",	/* first pass 10, second 2 */
	};
	static const char *invalid[] = {
		"880101300011",	/* wrong check digit */
		"123456789010",	/* the first pass's 10 taken as 0 */
		"123456789011",	/* ... or as 1 */
		"88010130001",	/* 11 digits */
		"8801013000100",	/* 13 digits */
		"88010130001a",
		"a80101300010",
		"8801013 0010",
		" 880101300010",
		"880101300010 ",
		"880101300010\n",
		"+80101300010",
		"-80101300010",
		"８80101300010",	/* fullwidth digit */
		"",
	};
	static const char *prefixes[] = {
		"88010130001", "90051540012", "95123145067", "00020150123",
		"12345678901", "88010130011", "88010130017", "88010130028",
		"71020250004", "60123140099", "99999999999", "00000000000",
	};
	char s[13], name[96];
	size_t i;
	int d, n, check, good;

	/* The reference agrees with the hand-computed table. */
	ok(reference_check("88010130017") == 2 &&
	    first_pass_is_10("88010130017"), "reference: 88010130017 -> 10, 2");
	ok(reference_check("88010130001") == 0 &&
	    !first_pass_is_10("88010130001"), "reference: 88010130001 -> 0");
	for (i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
		snprintf(name, sizeof(name), "valid IIN %s", valid[i]);
		ok(eco_iin_valid(valid[i]), name);
		snprintf(name, sizeof(name), "valid BIN %s", valid[i]);
		ok(eco_bin_valid(valid[i]), name);
	}
	for (i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++) {
		snprintf(name, sizeof(name), "invalid IIN/BIN #%zu", i);
		ok(!eco_iin_valid(invalid[i]) && !eco_bin_valid(invalid[i]),
		    name);
	}
	ok(!eco_iin_valid(NULL) && !eco_bin_valid(NULL), "NULL is invalid");

	/* Whole decades of check digits: exactly the reference one passes. */
	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		check = reference_check(prefixes[i]);
		for (good = 1, n = 0, d = 0; d <= 9; d++) {
			snprintf(s, sizeof(s), "%s%d", prefixes[i], d);
			if (eco_iin_valid(s)) {
				n++;
				if (d != check)
					good = 0;
			}
		}
		snprintf(name, sizeof(name), "prefix %s: only check digit %d "
		    "passes%s", prefixes[i], check,
		    first_pass_is_10(prefixes[i]) ? " (second pass)" : "");
		ok(good && n == (check < 0 ? 0 : 1), name);
	}

	/* Both passes give 10: no twelfth digit makes the number valid. */
	ok(first_pass_is_10("88010130010") &&
	    reference_check("88010130010") == -1,
	    "88010130010: both passes give 10");
	for (n = 0, d = 0; d <= 9; d++) {
		snprintf(s, sizeof(s), "88010130010%d", d);
		n += eco_iin_valid(s);
	}
	is_int(n, 0, "88010130010x is never valid");
	for (n = 0, d = 0; d <= 9; d++) {
		snprintf(s, sizeof(s), "90000000184%d", d);
		n += eco_bin_valid(s);
	}
	is_int(n, 0, "90000000184x is never valid");

	/* A sweep: over 20000 prefixes the two implementations agree. */
	for (good = 1, i = 0; i < 20000; i++) {
		snprintf(s, sizeof(s), "%011zu", 87654321000 + i * 7919);
		check = reference_check(s);
		for (d = 0; d <= 9; d++) {
			s[11] = (char)('0' + d);
			s[12] = '\0';
			if (eco_iin_valid(s) != (d == check))
				good = 0;
			s[11] = '\0';
		}
	}
	ok(good, "20000 prefixes agree with the reference");
}

static void
test_email(void)
{
	static const char *valid[] = {
		"a@b.kz",
		"user@example.com",
		"First.Last@Example.KZ",
		"user+tag@mail.example.org",
		"o'brien@example.ie",
		"x_y-z@sub-domain.example.com",
		"1234567890@numbers.kz",
		"a.b.c.d@e.f.gh",
		"!#$%&'*+-/=?^_`{|}~@example.com",
		"user@xn--80ak6aa92e.com",
		"user@123.example.com",
		"u@a-b.kz",
	};
	static const char *invalid[] = {
		"",
		"plainaddress",
		"@example.com",
		"user@",
		"user@@example.com",
		"us@er@example.com",
		"user name@example.com",
		"user@exa mple.com",
		"\"user\"@example.com",
		"us\"er@example.com",
		"user..name@example.com",
		".user@example.com",
		"user.@example.com",
		"user@example..com",
		"user@.example.com",
		"user@example.com.",
		"user@example",
		"user@localhost",
		"user@[192.0.2.1]",
		"user@192.0.2.1",
		"user@example.c",
		"user@example.c0m",
		"user@example.123",
		"user@-example.com",
		"user@example-.com",
		"user@exam_ple.com",
		"user@example.com-",
		"user(comment)@example.com",
		"user,x@example.com",
		"user;x@example.com",
		"user\\x@example.com",
		"user<x>@example.com",
		"пользователь@example.kz",
		"user@пример.kz",
		"user@example.қаз",
		"user\n@example.com",
		"user@example.com\n",
		"user@exa\tmple.com",
		" user@example.com",
	};
	char buf[400], name[96], label[70];
	size_t i;

	for (i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
		snprintf(name, sizeof(name), "valid e-mail %s", valid[i]);
		ok(eco_email_valid(valid[i]), name);
	}
	for (i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++) {
		/* Names by number: some addresses hold newlines. */
		snprintf(name, sizeof(name), "invalid e-mail #%zu", i);
		ok(!eco_email_valid(invalid[i]), name);
	}
	ok(!eco_email_valid(NULL), "NULL e-mail is invalid");

	/* Lengths: local part 64, label 63, total 254. */
	memset(buf, 'a', 64);
	strcpy(buf + 64, "@example.com");
	ok(eco_email_valid(buf), "64-byte local part is valid");
	memset(buf, 'a', 65);
	strcpy(buf + 65, "@example.com");
	ok(!eco_email_valid(buf), "65-byte local part is invalid");
	memset(label, 'b', 63);
	label[63] = '\0';
	snprintf(buf, sizeof(buf), "a@%s.kz", label);
	ok(eco_email_valid(buf), "63-byte label is valid");
	snprintf(buf, sizeof(buf), "a@%sb.kz", label);
	ok(!eco_email_valid(buf), "64-byte label is invalid");
	/* 64 + 1 + 63 + 1 + 63 + 1 + 58 + 1 + 2 = 254 */
	memset(buf, 'a', 64);
	snprintf(buf + 64, sizeof(buf) - 64, "@%s.%s.%.58s.kz", label, label,
	    label);
	is_int(strlen(buf), 254, "constructed a 254-byte address");
	ok(eco_email_valid(buf), "254 bytes is valid");
	snprintf(buf + 64, sizeof(buf) - 64, "@%s.%s.%.59s.kz", label, label,
	    label);
	ok(!eco_email_valid(buf), "255 bytes is invalid");
	memset(buf, 'a', sizeof(buf) - 1);
	buf[sizeof(buf) - 1] = '\0';
	ok(!eco_email_valid(buf), "a long string without '@' is invalid");

	eco_email_normalize("First.Last+TAG@Example.KZ", buf, sizeof(buf));
	is_str(buf, "first.last+tag@example.kz", "normalize lower-cases");
	eco_email_normalize("ABCDEF@x.kz", buf, 4);
	is_str(buf, "abc", "normalize truncates to outlen");
	buf[0] = 'x';
	eco_email_normalize("A", buf, 0);
	ok(buf[0] == 'x', "outlen 0 writes nothing");
	eco_email_normalize("a[Z]@x.kz", buf, sizeof(buf));
	is_str(buf, "a[z]@x.kz", "only ASCII letters change");
}

static void
test_roles(void)
{
	static const struct {
		int role;
		const char *name;
	} roles[] = {
		{ ECO_ROLE_INDIVIDUAL, "individual" },
		{ ECO_ROLE_ORGANISATION, "organisation" },
		{ ECO_ROLE_OFFICIAL, "official" },
		{ ECO_ROLE_CLERK, "clerk" },
		{ ECO_ROLE_ADMIN, "admin" },
	};
	static const char *bad[] = {
		"", "Admin", "admin ", " admin", "adm", "administrator",
		"organization", "public", "any", "8",
	};
	char name[64];
	size_t i;

	for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++) {
		snprintf(name, sizeof(name), "role %d is \"%s\"", roles[i].role,
		    roles[i].name);
		is_str(eco_role_name(roles[i].role), roles[i].name, name);
		snprintf(name, sizeof(name), "\"%s\" parses", roles[i].name);
		is_int(eco_role_parse(roles[i].name), roles[i].role, name);
	}
	ok(eco_role_name(0) == NULL, "role 0 has no name");
	ok(eco_role_name(ECO_ROLE_REQUESTER) == NULL, "a mask has no name");
	ok(eco_role_name(ECO_ROLE_ANY) == NULL, "ANY has no name");
	ok(eco_role_name(1 << 5) == NULL, "an unknown bit has no name");
	ok(eco_role_name(-1) == NULL, "-1 has no name");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(name, sizeof(name), "\"%s\" is not a role", bad[i]);
		is_int(eco_role_parse(bad[i]), 0, name);
	}
	is_int(eco_role_parse(NULL), 0, "NULL is not a role");
}

int
main(void)
{
	test_iin();
	test_email();
	test_roles();
	is_int(eco_parse_id("42"), 42, "id 42");
	is_int(eco_parse_id("999999999999999"), 999999999999999LL, "15 digits");
	is_int(eco_parse_id("1000000000000000"), -1, "16 digits refused");
	is_int(eco_parse_id("0"), -1, "zero refused");
	is_int(eco_parse_id("007"), -1, "leading zero refused");
	is_int(eco_parse_id("-1"), -1, "sign refused");
	is_int(eco_parse_id("1a"), -1, "trailing letter refused");
	is_int(eco_parse_id(""), -1, "empty refused");
	is_int(eco_parse_id(NULL), -1, "NULL refused");
	return tap_done();
}
