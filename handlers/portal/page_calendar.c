/* The year's calendar of days off: a public page and its API. */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "calendar.h"
#include "calendar_db.h"
#include "date.h"
#include "pages.h"

/* The year asked for (?year=YYYY), this year without it; -1 if invalid. */
static int
asked_year(struct eco_ctx *ctx)
{
	const char *s = eco_query(ctx, "year");
	int y, m, d;
	char *end;
	long v;

	if (s == NULL) {
		eco_civil_from_days(ctx->today, &y, &m, &d);
		return y;
	}
	v = strtol(s, &end, 10);
	if (strlen(s) != 4 || *end != '\0' || v < ECO_CALENDAR_FIRST_YEAR ||
	    v > ECO_CALENDAR_LAST_YEAR)
		return -1;
	return (int)v;
}

/* The exceptions of year y as JSON, names in lang, or in all three. */
static json_t *
year_days(const struct eco_calendar *cal, int y, struct eco_ctx *ctx,
    bool all_languages)
{
	const struct eco_cal_exception *ex;
	json_t *days = json_array();
	size_t i, n = 0;

	if (eco_calendar_year(cal, y, &ex, &n) != 0)
		return days;
	for (i = 0; i < n; i++) {
		char iso[11];
		json_t *name;

		eco_date_format_iso(ex[i].day, iso, sizeof(iso));
		if (all_languages)
			name = json_pack("{s:s,s:s,s:s}",
			    "kk", eco_cal_exception_name(&ex[i], ECO_LANG_KK),
			    "ru", eco_cal_exception_name(&ex[i], ECO_LANG_RU),
			    "en", eco_cal_exception_name(&ex[i], ECO_LANG_EN));
		else
			name = json_string(eco_cal_exception_name(&ex[i], ctx->lang));
		json_array_append_new(days, json_pack("{s:s,s:b,s:s,s:o,s:i}",
		    "date", iso,
		    "working", eco_calendar_is_working(cal, ex[i].day),
		    "kind", eco_cal_kind_code(ex[i].kind),
		    "name", name,
		    "weekday", eco_weekday(ex[i].day)));
	}
	return days;
}

/*
 * GET /api/v1/calendar?year=YYYY: the days off and transferred working
 * days of a year.  200 {"year","days":[{"date","working","kind","name":
 * {"kk","ru","en"}}]}; 400 bad year; 503 database unavailable.
 */
int
api_calendar(struct eco_ctx *ctx)
{
	const struct eco_calendar *cal;
	int y = asked_year(ctx);

	if (y < 0)
		return eco_error(ctx, 400, "bad_year",
		    N_("The year must be from 2015 to 2036."));
	if ((cal = eco_calendar_current(ctx)) == NULL)
		return eco_error(ctx, 503, NULL, NULL);
	return eco_json(ctx, 200, json_pack("{s:i,s:o}", "year", y,
	    "days", year_days(cal, y, ctx, true)));
}

/*
 * GET /{lang}/calendar?year=YYYY: the year's days off with their names,
 * and links to the years around it.  200; 400 bad year; 503 database
 * unavailable.
 */
int
page_calendar(struct eco_ctx *ctx)
{
	const struct eco_calendar *cal;
	json_t *data, *days;
	int y = asked_year(ctx);
	size_t i;

	if (y < 0)
		return eco_error(ctx, 400, "bad_year",
		    N_("The year must be from 2015 to 2036."));
	if ((cal = eco_calendar_current(ctx)) == NULL)
		return eco_error(ctx, 503, NULL, NULL);
	days = year_days(cal, y, ctx, false);
	/* Weekday names for the table, in the page's language. */
	for (i = 0; i < json_array_size(days); i++) {
		static const char *const weekdays[] = { "Monday", "Tuesday",
		    "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };
		json_t *d = json_array_get(days, i);
		int w = (int)json_integer_value(json_object_get(d, "weekday"));

		json_object_set_new(d, "weekday_name", json_string(eco_gettext(
		    ctx->app->catalogs, ctx->lang, "weekday", weekdays[w - 1])));
	}
	data = json_pack("{s:s,s:i,s:o}", "title", eco_tr(ctx,
	    N_("Days off and holidays")), "year", y, "days", days);
	if (y > ECO_CALENDAR_FIRST_YEAR)
		json_object_set_new(data, "prev_year", json_integer(y - 1));
	if (y < ECO_CALENDAR_LAST_YEAR)
		json_object_set_new(data, "next_year", json_integer(y + 1));
	return eco_render(ctx, 200, "portal/calendar", data);
}
