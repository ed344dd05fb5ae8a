/*
 * Unit tests of the clerks' forms of a court case
 * (handlers/courts/case_form.c): a form's fields become a record that
 * record.c accepts or refuses field by field, the record's paths are
 * named as the form's fields, and an entry named by a stale index or
 * fingerprint is never removed or changed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "arena.h"
#include "case_form.h"
#include "record.h"
#include "tap.h"

static struct eco_arena *arena;

/* A form: name, value pairs ending with NULL. */
static const char *
get(void *ud, const char *name)
{
	const char *const *f = ud;

	for (; f[0] != NULL; f += 2)
		if (strcmp(f[0], name) == 0)
			return f[1];
	return NULL;
}

static const char *main_form[] = {
	"key", "  test-case-1 ", "title_kk", "Сынақ ісі", "title_ru", "Тестовое дело",
	"summary_kk", "", "summary_ru", "Краткое содержание",
	"region", "pavlodar", "court_kk", "", "court_ru", "",
	"case_type", "civil", "category", "waste", "status", "pending",
	"aarhus_applied", "yes", "indefinite_circle", "no",
	"state_fee_exempt", "unknown", "notes", "",
	NULL
};

/* The number of problems record.c finds in r; the first one's path. */
static size_t
check(json_t *r, const char **first)
{
	struct eco_field_error errors[CASE_MAX_ERRORS];
	struct court_case c;
	size_t n;

	n = case_record_read(arena, r, &c, errors, CASE_MAX_ERRORS);
	*first = n > 0 ? errors[0].field : "";
	return n;
}

static void
test_main(void)
{
	json_t *r = json_object();
	const char *first;

	case_form_main(r, get, (void *)main_form);
	is_int(check(r, &first), 0, "a complete main form is a valid record");
	is_str(json_string_value(json_object_get(r, "key")), "test-case-1",
	    "spaces around a value are dropped");
	ok(json_is_null(json_object_get(json_object_get(r, "summary"), "kk")) ||
	    json_object_get(json_object_get(r, "summary"), "kk") == NULL,
	    "a blank summary in Kazakh is absent");
	ok(json_is_null(json_object_get(r, "court_first_instance")),
	    "both court names blank: no court");
	ok(json_is_true(json_object_get(r, "aarhus_applied")), "yes is true");
	ok(json_is_false(json_object_get(r, "indefinite_circle")), "no is false");
	ok(json_is_null(json_object_get(r, "state_fee_exempt")),
	    "unknown is null");
	ok(json_is_null(json_object_get(r, "notes")), "blank notes are null");
	json_decref(r);

	{
		const char *form[] = { "key", "x2", "title_kk", "   ",
		    "title_ru", "Дело", "case_type", "civil", "category", "waste",
		    "status", "closed", "aarhus_applied", "maybe", NULL };

		r = json_object();
		case_form_main(r, get, (void *)form);
		is_int(check(r, &first), 2, "a blank title and a bad flag");
		is_str(case_form_field(arena, first), "title_kk",
		    "the blank title in Kazakh is the field title_kk");
		json_decref(r);
	}
}

static void
test_amounts(void)
{
	static const struct {
		const char	*in;
		const char	*json;
	} cases[] = {
		{ "189000000", "189000000" }, { "215,88", "215.88" },
		{ "0.5", "0.5" }, { " 7 ", "7" }, { "-5", "\"-5\"" },
		{ "1e5", "\"1e5\"" }, { "1,2,3", "\"1,2,3\"" }, { "5.", "\"5.\"" },
		{ ",5", "\",5\"" }, { "", "null" }, { "1 000", "\"1 000\"" },
	};
	char *text;
	json_t *r;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *form[] = { "amount_value", cases[i].in, "amount_unit",
		    "KZT", "amount_what_kk", "а", "amount_what_ru", "б", NULL };

		r = json_object();
		is_int(case_form_add(r, "amount", get, (void *)form),
		    CASE_FORM_OK, "an amount is added");
		text = json_dumps(json_object_get(json_array_get(
		    json_object_get(r, "amounts"), 0), "value"),
		    JSON_ENCODE_ANY | JSON_REAL_PRECISION(15));
		is_str(text, cases[i].json, cases[i].in);
		free(text);
		json_decref(r);
	}
}

static void
test_add(void)
{
	const char *event[] = { "event_date", "2019", "event_instance", "first",
	    "event_type", "decision", "event_result", "", "event_text_kk", "а",
	    "event_text_ru", "", NULL };
	const char *act[] = { "act_instance", "first", "act_kind", "decision",
	    "act_date", "2019-05", "act_language", "ru", "act_title", "Решение",
	    "act_body", "Текст", NULL };
	const char *reg[] = { "request_reg_no", " ABC-1 ", NULL };
	json_t *r = json_object(), *e;
	const char *first;

	case_form_main(r, get, (void *)main_form);
	is_int(case_form_add(r, "event", get, (void *)event), CASE_FORM_OK,
	    "an event is added");
	e = json_array_get(json_object_get(r, "events"), 0);
	is_str(json_string_value(json_object_get(e, "date")), "2019",
	    "a year-only date stays so");
	ok(json_is_null(json_object_get(e, "result")), "no result is null");
	is_int(check(r, &first), 1, "the event's Russian text is missing");
	is_str(case_form_field(arena, first), "event_text_ru",
	    "its field is event_text_ru");
	json_array_clear(json_object_get(r, "events"));
	is_int(case_form_add(r, "act", get, (void *)act), CASE_FORM_OK,
	    "a court act is added");
	is_int(check(r, &first), 1, "a court act's date must be a day");
	is_str(case_form_field(arena, first), "act_date", "its field is act_date");
	is_int(case_form_add(r, "request", get, (void *)reg), CASE_FORM_OK,
	    "a request link is added");
	is_str(json_string_value(json_array_get(json_object_get(r, "requests"),
	    0)), "ABC-1", "by its number");
	is_int(case_form_add(r, "remove", get, (void *)reg), CASE_FORM_BAD,
	    "remove adds nothing");
	is_int(case_form_add(r, NULL, get, (void *)reg), CASE_FORM_BAD,
	    "no part adds nothing");
	json_decref(r);
}

static void
test_fields(void)
{
	static const char *const paths[][2] = {
		{ "title.kk", "title_kk" }, { "key", "key" },
		{ "court_first_instance.ru", "court_ru" },
		{ "parties[12].name.kk", "party_name_kk" },
		{ "parties[0].role", "party_role" },
		{ "claims[3].outcome", "claim_outcome" },
		{ "events[0].date", "event_date" },
		{ "amounts[1].what.ru", "amount_what_ru" },
		{ "documents[0].body", "act_body" },
		{ "requests[4]", "request_reg_no" },
		{ "events", "event_form" }, { "parties[1]", "party_form" },
		{ "aarhus_applied", "aarhus_applied" },
	};
	size_t i;

	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		is_str(case_form_field(arena, paths[i][0]), paths[i][1],
		    paths[i][0]);
}

static void
test_remove(void)
{
	json_t *r = json_loads("{\"events\":[{\"date\":\"2019\",\"text\":"
	    "{\"kk\":\"a\",\"ru\":\"b\"}},{\"date\":\"2020\",\"text\":{\"kk\":"
	    "\"c\",\"ru\":\"d\"}}],\"claims\":[{\"text\":{\"kk\":\"a\",\"ru\":"
	    "\"b\"},\"outcome\":null}],\"requests\":[{\"id\":5,\"reg_no\":"
	    "\"X-1\",\"status\":\"registered\"}]}", 0, NULL);
	json_t *events = json_object_get(r, "events");
	json_t *claim = json_array_get(json_object_get(r, "claims"), 0);
	const char *c0 = case_form_check(arena, json_array_get(events, 0));
	const char *c1 = case_form_check(arena, json_array_get(events, 1));
	const char *cc = case_form_check(arena, claim);
	json_t *other;

	is_int(strlen(c0), 32, "a fingerprint is 32 hex digits");
	ok(strcmp(c0, c1) != 0, "two entries, two fingerprints");
	is_int(case_form_remove(arena, r, "events", "0", c1), CASE_FORM_STALE,
	    "index 0 with entry 1's fingerprint is stale");
	is_int(json_array_size(events), 2, "and removes nothing");
	is_int(case_form_remove(arena, r, "events", "2", c1), CASE_FORM_STALE,
	    "an index past the end is stale");
	is_int(case_form_remove(arena, r, "events", "1", NULL), CASE_FORM_STALE,
	    "no fingerprint is stale");
	is_int(case_form_remove(arena, r, "events", "-1", c1), CASE_FORM_BAD,
	    "a negative index is refused");
	is_int(case_form_remove(arena, r, "events", "", c1), CASE_FORM_BAD,
	    "an empty index is refused");
	is_int(case_form_remove(arena, r, "hearings", "0", c0), CASE_FORM_BAD,
	    "an unknown list is refused");
	is_int(case_form_remove(arena, r, "events", "1", c1), CASE_FORM_OK,
	    "entry 1 with its fingerprint is removed");
	is_int(json_array_size(events), 1, "one entry left");
	is_str(case_form_check(arena, json_array_get(events, 0)), c0,
	    "the other one");
	is_int(case_form_remove(arena, r, "events", "1", c1), CASE_FORM_STALE,
	    "removing it again is stale");

	is_int(case_form_outcome(arena, r, "0", c0, "granted"), CASE_FORM_STALE,
	    "an outcome with another entry's fingerprint is stale");
	ok(json_is_null(json_object_get(claim, "outcome")), "nothing changed");
	is_int(case_form_outcome(arena, r, "0", cc, "granted"), CASE_FORM_OK,
	    "the claim's outcome is set");
	is_str(json_string_value(json_object_get(claim, "outcome")), "granted",
	    "to granted");
	is_int(case_form_outcome(arena, r, "0", cc, "refused"), CASE_FORM_STALE,
	    "the old fingerprint is stale after the change");

	other = json_pack("{s:I,s:s,s:s}", "id", (json_int_t)5, "reg_no", "X-1",
	    "status", "answered");
	is_str(case_form_check(arena, other), case_form_check(arena,
	    json_array_get(json_object_get(r, "requests"), 0)),
	    "a request link's fingerprint ignores the request's status");
	json_decref(other);
	json_decref(r);
}

int
main(void)
{
	arena = eco_arena_new();
	test_main();
	test_amounts();
	test_add();
	test_fields();
	test_remove();
	eco_arena_free(arena);
	return tap_done();
}
