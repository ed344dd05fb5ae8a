/*
 * Unit tests of the case page's words (handlers/courts/case_text.c): a
 * court event's date written as precise as it is known in kk, ru and en
 * from the real catalogs, a sum grouped by thousands, and the paragraphs
 * of a text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "case_text.h"
#include "tap.h"

static struct eco_arena *arena;
static struct eco_catalogs *cats;

static void
date_is(enum eco_lang lang, const char *date, const char *want)
{
	struct eco_buf b;
	char name[128];

	eco_buf_init(&b, arena);
	court_date_text(cats, lang, date, &b);
	snprintf(name, sizeof(name), "%s: %s", eco_lang_code(lang),
	    date != NULL ? date : "(null)");
	is_str(b.data, want, name);
}

static void
amount_is(enum eco_lang lang, const char *decimal, const char *want)
{
	struct eco_buf b;
	char name[128];

	eco_buf_init(&b, arena);
	eco_buf_puts(&b, "");
	court_amount_text(lang, decimal, &b);
	snprintf(name, sizeof(name), "%s: amount %s", eco_lang_code(lang),
	    decimal);
	is_str(b.data, want, name);
}

static void
test_dates(void)
{
	date_is(ECO_LANG_EN, "2019-05-16", "16 May 2019");
	date_is(ECO_LANG_RU, "2019-05-16", "16 мая 2019 г.");
	date_is(ECO_LANG_KK, "2019-05-16", "2019 жылғы 16 мамыр");
	date_is(ECO_LANG_EN, "2018-03", "March 2018");
	date_is(ECO_LANG_RU, "2018-03", "Март 2018 г.");
	date_is(ECO_LANG_KK, "2018-03", "2018 жылғы наурыз");
	date_is(ECO_LANG_EN, "2019", "2019");
	date_is(ECO_LANG_RU, "2019", "2019 г.");
	date_is(ECO_LANG_KK, "2019", "2019 ж.");
	date_is(ECO_LANG_EN, NULL, "date not known");
	date_is(ECO_LANG_RU, NULL, "дата неизвестна");
	date_is(ECO_LANG_KK, NULL, "күні белгісіз");
	/* What is no date is not shown as one. */
	date_is(ECO_LANG_EN, "2019-02-30", "date not known");
	date_is(ECO_LANG_EN, "20190", "date not known");
	date_is(ECO_LANG_EN, "", "date not known");
}

static void
test_amounts(void)
{
	amount_is(ECO_LANG_EN, "189000000", "189,000,000");
	amount_is(ECO_LANG_RU, "189000000", "189\xc2\xa0" "000\xc2\xa0" "000");
	amount_is(ECO_LANG_KK, "1000", "1\xc2\xa0" "000");
	amount_is(ECO_LANG_EN, "999", "999");
	amount_is(ECO_LANG_EN, "30", "30");
	amount_is(ECO_LANG_EN, "0", "0");
	amount_is(ECO_LANG_EN, "215.88", "215.88");
	amount_is(ECO_LANG_RU, "215.88", "215,88");
	amount_is(ECO_LANG_EN, "1234567.5", "1,234,567.5");
	amount_is(ECO_LANG_RU, "123456", "123\xc2\xa0" "456");
	/* Anything else as it came. */
	amount_is(ECO_LANG_EN, "1e+20", "1e+20");
	amount_is(ECO_LANG_EN, "12.", "12.");
	amount_is(ECO_LANG_EN, ".5", ".5");
	amount_is(ECO_LANG_EN, "-1000", "-1000");
	amount_is(ECO_LANG_EN, "1.2.3", "1.2.3");
}

static void
test_paragraphs(void)
{
	json_t *p;

	p = court_paragraphs("First.\n\n  \nSecond line.\r\nThird.  \n");
	is_int(json_array_size(p), 3, "three paragraphs");
	is_str(json_string_value(json_array_get(p, 0)), "First.", "first");
	is_str(json_string_value(json_array_get(p, 1)), "Second line.",
	    "the CR goes");
	is_str(json_string_value(json_array_get(p, 2)), "Third.",
	    "trailing blanks go");
	json_decref(p);
	p = court_paragraphs(NULL);
	is_int(json_array_size(p), 0, "no text, no paragraph");
	json_decref(p);
	p = court_paragraphs("<b>x</b> & y");
	is_str(json_string_value(json_array_get(p, 0)), "<b>x</b> & y",
	    "the text as it is (the template escapes it)");
	json_decref(p);
}

int
main(void)
{
	const char *share = getenv("ECO_SHARE_DIR");
	char dir[4200], err[512];

	snprintf(dir, sizeof(dir), "%s/po", share != NULL && *share != '\0' ?
	    share : ".");
	if (!ok((cats = eco_catalogs_load(dir, err, sizeof(err))) != NULL,
	    "the catalogs load")) {
		printf("# %s\n", err);
		return tap_done();
	}
	arena = eco_arena_new();
	test_dates();
	test_amounts();
	test_paragraphs();
	eco_arena_free(arena);
	eco_catalogs_free(cats);
	return tap_done();
}
