/*
 * Unit tests of the court case registry's pure logic: partial dates
 * (handlers/courts/partial_date.c) — parsing, refusing, formatting and the
 * timeline order — and the checking of a case record
 * (handlers/courts/record.c), on the real cases of sql/demo/court_cases.json
 * and on every way a record can be wrong.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "arena.h"
#include "date.h"
#include "jsonbody.h"
#include "partial_date.h"
#include "record.h"
#include "tap.h"

static struct eco_arena *arena;

static void
test_parse(void)
{
	static const char *const good[][2] = {
		{ "2019", "year" }, { "2019-05", "month" },
		{ "2019-05-16", "day" }, { "2020-02-29", "day" },
		{ "1900", "year" }, { "2200-12-31", "day" },
	};
	static const char *const bad[] = { "2019-02-30", "2019-13", "19",
	    " 2019", "2019 ", "2019-1", "2019-01-1", "2019/01/01", "",
	    "1899", "2201", "2019-00", "2019-01-00", "2021-02-29",
	    "2019-05-16T00", "abcd", "+2019", "２０１９" };
	struct partial_date pd;
	char buf[16];
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		ok(partial_date_parse(good[i][0], &pd), good[i][0]);
		is_str(partial_date_precision_name(pd.precision), good[i][1],
		    "its precision");
		is_str(partial_date_format(&pd, buf, sizeof(buf)), good[i][0],
		    "formats back the same");
		is_int(partial_date_precision_from(good[i][1]), pd.precision,
		    "precision from its name");
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ok(!partial_date_parse(bad[i], &pd), bad[i]);
	ok(partial_date_parse(NULL, &pd) && pd.precision == PD_UNKNOWN,
	    "null is an unknown date");
	ok(partial_date_format(&pd, buf, sizeof(buf)) == NULL,
	    "an unknown date formats as null");
	ok(partial_date_precision_name(PD_UNKNOWN) == NULL,
	    "an unknown date has no precision");
	is_int(partial_date_precision_from("week"), PD_UNKNOWN,
	    "no such precision");
	partial_date_parse("2019-05", &pd);
	is_int(pd.day, eco_days_from_civil(2019, 5, 1), "a month is its 1st");
	is_int(partial_date_last_day(&pd), eco_days_from_civil(2019, 5, 31),
	    "... to its 31st");
	partial_date_parse("2020", &pd);
	is_int(partial_date_last_day(&pd), eco_days_from_civil(2020, 12, 31),
	    "a year ends on 31 December");
}

/* The sort days of dates (NULL: unknown) as "YYYY-MM-DD" joined by ' '. */
static const char *
sorted(const char *const *dates, size_t n, const char *order_out)
{
	static char out[512];
	struct partial_date pd[16];
	long sort[16];
	size_t order[16], i;
	char day[16], *p = out;

	for (i = 0; i < n; i++)
		if (!partial_date_parse(dates[i], &pd[i]))
			return "unparsable";
	courts_sort_days(pd, n, sort);
	courts_timeline_order(sort, n, order);
	*p = '\0';
	for (i = 0; i < n; i++) {
		if (sort[i] == PD_NO_DAY)
			strcpy(day, "-");
		else
			eco_date_format_iso(sort[i], day, sizeof(day));
		p += sprintf(p, "%s%s", i > 0 ? " " : "", day);
	}
	if (order_out != NULL) {
		p = (char *)order_out;
		for (i = 0; i < n; i++)
			p += sprintf(p, "%zu", order[i]);
	}
	return out;
}

static void
test_order(void)
{
	/* fortebank-densaulyk-square-2019, in the source's order. */
	static const char *const forte[] = { "2019-05-16", "2019-05-23",
	    "2019", NULL, "2019-07-22" };
	static const char *const leading[] = { NULL, NULL, "2020-01-05",
	    "2020-03-19", NULL };
	static const char *const coarse[] = { "2018-05-21", "2018-03",
	    "2017", "2018", "2018-06", NULL };
	static const char *const none[] = { NULL, NULL, NULL };
	static const char *const back[] = { "2019-03-01", "2019-01-10" };
	static const char *const first_coarse[] = { NULL, "2019", "2019-02-03" };
	char order[32];

	is_str(sorted(forte, 5, order), "2019-05-16 2019-05-23 2019-05-23 "
	    "2019-05-23 2019-07-22", "a year and an unknown date stay where "
	    "the source put them");
	is_str(order, "01234", "... in the source's order");
	is_str(sorted(leading, 5, order), "2020-01-05 2020-01-05 2020-01-05 "
	    "2020-03-19 2020-03-19", "unknown first: the successor's day; "
	    "last: the predecessor's");
	is_str(order, "01234", "... in the source's order");
	is_str(sorted(coarse, 6, order), "2018-05-21 2018-03-01 2017-01-01 "
	    "2018-01-01 2018-06-01 2018-06-01", "a coarse date outside its "
	    "predecessor's period: its first day");
	is_str(order, "231045", "... ordered by the sort day");
	is_str(sorted(none, 3, order), "- - -", "no date at all: no sort day");
	is_str(order, "012", "... the source's order");
	is_str(sorted(back, 2, order), "2019-03-01 2019-01-10",
	    "days sort by themselves");
	is_str(order, "10", "... even against the source");
	is_str(sorted(first_coarse, 3, order), "2019-01-01 2019-01-01 "
	    "2019-02-03", "unknown before a year: the year's first day");
	is_str(order, "012", "... the source's order");
}

/* The problems of a record, "path:code" joined by ' '. */
static const char *
problems(json_t *record)
{
	static char out[2048];
	struct eco_field_error e[CASE_MAX_ERRORS];
	struct court_case c;
	size_t n, i;
	char *p = out;

	n = case_record_read(arena, record, &c, e, CASE_MAX_ERRORS);
	*p = '\0';
	for (i = 0; i < n; i++)
		p += snprintf(p, sizeof(out) - (size_t)(p - out), "%s%s:%s",
		    i > 0 ? " " : "", e[i].field, e[i].code);
	return out;
}

static json_t *
load_cases(void)
{
	const char *dir = getenv("ECO_SHARE_DIR");
	char path[4096];
	json_error_t err;
	json_t *all;

	snprintf(path, sizeof(path), "%s/sql/demo/court_cases.json",
	    dir != NULL ? dir : ".");
	if ((all = json_load_file(path, 0, &err)) == NULL)
		printf("# %s: %s\n", path, err.text);
	return all;
}

static json_t *
find_case(json_t *all, const char *key)
{
	size_t i;
	json_t *c;

	json_array_foreach(all, i, c)
		if (strcmp(json_string_value(json_object_get(c, "key")), key) == 0)
			return c;
	return NULL;
}

static void
test_real_cases(json_t *all)
{
	struct eco_field_error e[CASE_MAX_ERRORS];
	struct court_case c;
	json_t *rec;
	size_t i, n;

	ok(json_array_size(all) == 12, "twelve real cases");
	json_array_foreach(all, i, rec) {
		n = case_record_read(arena, rec, &c, e, CASE_MAX_ERRORS);
		if (!ok(n == 0, case_record_name(arena, rec, i + 1)))
			printf("#   %s: %s\n", e[0].field, e[0].message);
	}
	rec = find_case(all, "fortebank-densaulyk-square-2019");
	n = case_record_read(arena, rec, &c, e, CASE_MAX_ERRORS);
	ok(n == 0 && c.nevents == 5 && c.nparties == 4 && c.nclaims == 1,
	    "fortebank: 5 events, 4 parties, 1 claim");
	is_str(c.region, "pavlodar", "\"Pavlodar\" is the region pavlodar");
	is_int(c.events[2].date.precision, PD_YEAR, "event 2 is a year");
	is_int(c.events[3].date.precision, PD_UNKNOWN, "event 3 is unknown");
	is_int(c.aarhus_applied, CASE_FLAG_NULL, "aarhus_applied null");
	is_str(c.events[4].type, "hearing", "the last event is the hearing");
	rec = find_case(all, "road-construction-emissions-2020");
	case_record_read(arena, rec, &c, e, CASE_MAX_ERRORS);
	is_str(c.amounts[0].value, "189000000", "an amount in tenge");
	is_str(c.amounts[1].value, "215.88", "an amount in tonnes");
	is_str(c.amounts[1].unit, "t", "... its unit");
	rec = find_case(all, "kimasar-river-2017");
	case_record_read(arena, rec, &c, e, CASE_MAX_ERRORS);
	is_str(c.region, "almaty_city", "\"Almaty\" is the city");
	is_int(c.indefinite_circle, CASE_FLAG_TRUE, "indefinite circle");
	ok(strstr(case_search_text(arena, &c, true), "Кимасар өзенінің") !=
	    NULL && strstr(case_search_text(arena, &c, true), "«Жасыл құтқару» ЭО\n")
	    != NULL && strstr(case_search_text(arena, &c, true), "Суд") == NULL,
	    "the Kazakh search text: title, parties, no Russian");
	ok(strstr(case_search_text(arena, &c, false), "Сумма") == NULL &&
	    strstr(case_search_text(arena, &c, false), "Суд вынес решение") !=
	    NULL && strstr(case_search_text(arena, &c, false),
	    "Специализированный межрайонный") != NULL,
	    "the Russian search text: events and court");
	ok(c.region != NULL && c.summary.kk != NULL && c.court.ru != NULL &&
	    c.notes != NULL && strcmp(c.source_lines, "L1132-1147") == 0,
	    "summary, court, notes and source lines kept");
}

/* A copy of kimasar-river-2017 changed by the JSON patch (merged). */
static json_t *
changed(json_t *all, const char *patch)
{
	json_t *rec = json_deep_copy(find_case(all, "kimasar-river-2017"));
	json_t *p = json_loads(patch, 0, NULL);

	if (p == NULL)
		printf("# bad patch %s\n", patch);
	json_object_update(rec, p);
	json_decref(p);
	return eco_json_own(arena, rec);
}

static void
test_wrong(json_t *all)
{
	static const struct {
		const char	*patch;
		const char	*want;
	} cases[] = {
		{ "{\"key\":\"Kimasar\"}", "key:invalid_key" },
		{ "{\"key\":\"-kimasar\"}", "key:invalid_key" },
		{ "{\"key\":null}", "key:required" },
		{ "{\"title\":{\"kk\":\"Атауы\"}}", "title.ru:required" },
		{ "{\"title\":{\"kk\":\" \",\"ru\":\"Название\"}}",
		  "title.kk:invalid_text" },
		{ "{\"title\":\"Название\"}", "title:wrong_type" },
		{ "{\"title\":null}", "title:required" },
		{ "{\"summary\":{\"ru\":\"Только по-русски\"}}", "" },
		{ "{\"region\":\"Atlantis\"}", "region:invalid_value" },
		{ "{\"region\":null}", "" },
		{ "{\"case_type\":\"criminal\"}", "case_type:invalid_value" },
		{ "{\"category\":\"Waste\"}", "category:invalid_value" },
		{ "{\"category\":7}", "category:invalid_value" },
		{ "{\"status\":null}", "status:required" },
		{ "{\"aarhus_applied\":\"yes\"}", "aarhus_applied:wrong_type" },
		{ "{\"state_fee_exempt\":true}", "" },
		{ "{\"state_fee_exempt\":1}", "state_fee_exempt:wrong_type" },
		{ "{\"notes\":5}", "notes:wrong_type" },
		{ "{\"colour\":\"green\"}", "colour:unknown_field" },
		{ "{\"parties\":{}}", "parties:wrong_type" },
		{ "{\"parties\":[{\"role\":\"judge\",\"kind\":\"ngo\","
		  "\"name\":{\"kk\":\"А\",\"ru\":\"А\"}}]}",
		  "parties[0].role:invalid_value" },
		{ "{\"parties\":[{\"role\":\"claimant\",\"kind\":\"ngo\"}]}",
		  "parties[0].name:required" },
		{ "{\"parties\":[5]}", "parties[0]:wrong_type" },
		{ "{\"claims\":[{\"text\":{\"kk\":\"А\",\"ru\":\"А\"},"
		  "\"outcome\":\"won\"}]}", "claims[0].outcome:invalid_value" },
		{ "{\"claims\":[{\"text\":{\"kk\":\"А\",\"ru\":\"А\"},"
		  "\"outcome\":null}]}", "" },
		{ "{\"events\":[{\"date\":\"2019-02-30\",\"instance\":\"first\","
		  "\"type\":\"decision\",\"text\":{\"kk\":\"А\",\"ru\":\"А\"}}]}",
		  "events[0].date:invalid_date" },
		{ "{\"events\":[{\"date\":2019,\"instance\":\"first\","
		  "\"type\":\"decision\",\"text\":{\"kk\":\"А\",\"ru\":\"А\"}}]}",
		  "events[0].date:invalid_date" },
		{ "{\"events\":[{\"date\":\"2019\",\"instance\":\"supreme\","
		  "\"type\":\"verdict\",\"result\":\"won\",\"text\":{\"kk\":\"А\","
		  "\"ru\":\"А\"}}]}", "events[0].instance:invalid_value "
		  "events[0].type:invalid_value events[0].result:invalid_value" },
		{ "{\"amounts\":[{\"value\":-1,\"unit\":\"KZT\",\"what\":"
		  "{\"kk\":\"А\",\"ru\":\"А\"}}]}",
		  "amounts[0].value:invalid_amount" },
		{ "{\"amounts\":[{\"value\":\"5\",\"unit\":\"USD\",\"what\":"
		  "{\"kk\":\"А\",\"ru\":\"А\"}}]}",
		  "amounts[0].value:invalid_amount amounts[0].unit:invalid_value" },
		{ "{\"amounts\":[{\"value\":0.5,\"unit\":\"MCI\"}]}",
		  "amounts[0].what:required" },
		{ "{\"requests\":[\"KZ-1\",\"KZ-1\"]}", "requests[1]:duplicate" },
		{ "{\"requests\":[\"KZ-1\",{\"reg_no\":\"KZ-2\"},7]}",
		  "requests[2]:invalid_value" },
		{ "{\"documents\":[{\"instance\":\"first\",\"kind\":\"decision\","
		  "\"date\":\"2017-12-20\",\"language\":\"ru\",\"title\":"
		  "\"Решение\",\"body\":\"Текст\"}]}", "" },
		{ "{\"documents\":[{\"instance\":\"pre_trial\",\"kind\":\"memo\","
		  "\"date\":\"2017-12\",\"language\":\"en\",\"title\":"
		  "\"Решение\"}]}", "documents[0].instance:invalid_value "
		  "documents[0].kind:invalid_value documents[0].date:invalid_date "
		  "documents[0].language:invalid_value documents[0].body:required" },
	};
	char name[256];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(name, sizeof(name), "%s -> %s", cases[i].patch,
		    *cases[i].want ? cases[i].want : "valid");
		is_str(problems(changed(all, cases[i].patch)), cases[i].want,
		    name);
	}
	is_str(problems(eco_json_own(arena, json_array())), ":wrong_type",
	    "not an object");
	is_str(case_record_name(arena, eco_json_own(arena, json_object()), 3),
	    "#3", "a record without a key is named by its place");
}

static void
test_limits(json_t *all)
{
	json_t *rec = changed(all, "{}"), *events, *ev;
	char *longtext;
	size_t i;

	events = json_object_get(rec, "events");
	ev = json_array_get(events, 1);
	for (i = json_array_size(events); i <= CASE_MAX_EVENTS; i++)
		json_array_append(events, ev);
	is_str(problems(rec), "events:too_many", "at most 500 events");
	rec = changed(all, "{}");
	longtext = calloc(502, 1);
	memset(longtext, 'x', 501);
	json_object_set_new(json_object_get(rec, "title"), "ru",
	    json_string(longtext));
	is_str(problems(rec), "title.ru:invalid_text", "a title of 501 letters");
	longtext[500] = '\0';
	json_object_set_new(json_object_get(rec, "title"), "ru",
	    json_string(longtext));
	is_str(problems(rec), "", "a title of 500 letters");
	free(longtext);
}

int
main(void)
{
	json_t *all;

	arena = eco_arena_new();
	test_parse();
	test_order();
	if ((all = load_cases()) == NULL) {
		ok(0, "sql/demo/court_cases.json loads");
		return tap_done();
	}
	test_real_cases(all);
	test_wrong(all);
	test_limits(all);
	json_decref(all);
	eco_arena_free(arena);
	return tap_done();
}
