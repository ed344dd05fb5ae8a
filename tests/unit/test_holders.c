/*
 * Unit tests of what an administrator may send for an information holder
 * (handlers/requests/holder_edit.c): codes, kinds, regions, parents and
 * names, for a new holder (all required) and for a change (only what
 * came).
 */
#include <string.h>

#include "holder_edit.h"
#include "labels.h"
#include "tap.h"

/* A valid new holder. */
static struct holder_input
valid(void)
{
	struct holder_input in;

	memset(&in, 0, sizeof(in));
	in.code = "ecodep_test";
	in.kind = "department";
	in.region = "abai";
	in.parent_given = true;
	in.parent_id = 2;
	in.name[0] = "Сынақ департаменті";
	in.name[1] = "Тестовый департамент";
	in.name[2] = "Test Department";
	in.active = 1;
	return in;
}

/* The fields of the problems, space-separated. */
static const char *
fields(const struct holder_input *in, bool creating)
{
	static char out[256];
	struct eco_field_error e[HOLDER_MAX_ERRORS];
	size_t n = holder_check(in, creating, e), i;

	out[0] = '\0';
	for (i = 0; i < n; i++) {
		if (i > 0)
			strcat(out, " ");
		strcat(out, e[i].field);
	}
	return out;
}

static void
test_codes(void)
{
	static const char *const good[] = { "ab", "mepr", "ecodep_abai",
	    "a1_2" };
	static const char *const bad[] = { "", "a", "1ab", "_ab", "Ab", "a-b",
	    "a b", "аб", "ab\n" };
	char longest[65];
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		ok(holder_code_valid(good[i]), good[i]);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ok(!holder_code_valid(bad[i]), "a bad code is refused");
	ok(!holder_code_valid(NULL), "no code is no code");
	memset(longest, 'x', 63);
	longest[63] = '\0';
	ok(holder_code_valid(longest), "63 characters fit");
	longest[63] = 'x';
	longest[64] = '\0';
	ok(!holder_code_valid(longest), "64 do not");
}

static void
test_new(void)
{
	struct holder_input in = valid(), empty;

	is_str(fields(&in, true), "", "a complete new holder passes");
	in.region = "";
	in.parent_id = 0;
	is_str(fields(&in, true), "", "a national body without a parent passes");
	memset(&empty, 0, sizeof(empty));
	empty.active = -1;
	is_str(fields(&empty, true), "code kind name_kk name_ru name_en",
	    "a new holder needs a code, a kind and three names");
	in = valid();
	in.code = "Bad code";
	in.kind = "bank";
	in.region = "mars";
	in.parent_id = -1;
	in.name[1] = "   ";
	in.name[2] = "two\nlines";
	is_str(fields(&in, true), "code kind region parent_id name_ru name_en",
	    "every problem is named by its field");
}

static void
test_change(void)
{
	struct holder_input in;
	char long_name[2 * 401 + 1];
	int i;

	memset(&in, 0, sizeof(in));
	in.active = 0;
	is_str(fields(&in, false), "", "a change of only the status passes");
	in.name[2] = "New English name";
	is_str(fields(&in, false), "", "a change of one name passes");
	in.code = "";
	is_str(fields(&in, false), "code", "an empty code is refused");
	in.code = NULL;
	for (i = 0; i < 401; i++)
		memcpy(long_name + 2 * i, "ә", 2);
	long_name[2 * 401] = '\0';
	in.name[0] = long_name;
	is_str(fields(&in, false), "name_kk",
	    "a name of 401 characters is too long");
	long_name[2 * 400] = '\0';
	is_str(fields(&in, false), "", "400 characters (800 bytes) fit");
}

static void
test_kinds(void)
{
	const char *k;
	size_t i;

	for (i = 0; (k = label_holder_kind_code(i)) != NULL; i++)
		ok(label_holder_kind(k)[0] != '\0', k);
	ok(i == 6, "six kinds, as the table allows");
	is_str(label_holder_kind("bank"), "", "an unknown kind has no name");
	is_str(label_holder_kind(NULL), "", "nor has none");
}

int
main(void)
{
	test_codes();
	test_new();
	test_change();
	test_kinds();
	return tap_done();
}
