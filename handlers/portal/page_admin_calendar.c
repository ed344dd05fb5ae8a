/* The administrators' page of the calendar: Government transfers, Kurban Ait. */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "calendar.h"
#include "calendar_db.h"
#include "date.h"
#include "pages.h"
#include "session.h"

static int
render_admin(struct eco_ctx *ctx, int status, const char *error, const char *done)
{
	const struct eco_calendar *cal = eco_calendar_current(ctx);
	const struct eco_cal_exception *ex;
	json_t *days = json_array(), *data;
	int y, m, d;
	size_t i, n = 0;

	eco_civil_from_days(ctx->today, &y, &m, &d);
	if (eco_query(ctx, "year") != NULL) {
		int asked = atoi(eco_query(ctx, "year"));

		if (asked >= ECO_CALENDAR_FIRST_YEAR && asked <= ECO_CALENDAR_LAST_YEAR)
			y = asked;
	}
	if (cal != NULL && eco_calendar_year(cal, y, &ex, &n) == 0) {
		for (i = 0; i < n; i++) {
			char iso[11];

			eco_date_format_iso(ex[i].day, iso, sizeof(iso));
			json_array_append_new(days, json_pack("{s:s,s:s,s:s}",
			    "date", iso, "kind", eco_cal_kind_code(ex[i].kind),
			    "name", eco_cal_exception_name(&ex[i], ctx->lang)));
		}
	}
	data = json_pack("{s:s,s:i,s:o,s:s}", "title",
	    eco_tr(ctx, N_("Calendar administration")), "year", y, "days", days,
	    "csrf", eco_csrf(ctx));
	if (error != NULL)
		json_object_set_new(data, "error", json_string(eco_tr(ctx, error)));
	if (done != NULL)
		json_object_set_new(data, "done", json_string(eco_tr(ctx, done)));
	return eco_render(ctx, status, "portal/admin_calendar", data);
}

/* GET /{lang}/admin/calendar[?year=]: the year's days and the forms.  200. */
int
page_admin_calendar(struct eco_ctx *ctx)
{
	return render_admin(ctx, 200, NULL, eco_query(ctx, "saved") ?
	    N_("The calendar is saved. Every page and deadline uses it within 30 seconds.") : NULL);
}

/*
 * POST /{lang}/admin/calendar: sets a day (off or working, kind, names in
 * kk/ru/en) or, with action=clear, removes it.  303 back to the page;
 * 400 invalid input (the form again); 503 database unavailable.
 */
int
page_admin_calendar_save(struct eco_ctx *ctx)
{
	const char *date = eco_form(ctx, "date"), *action = eco_form(ctx, "action");
	const char *kind = eco_form(ctx, "kind");
	enum eco_cal_kind k;
	bool clear;
	long day;

	if (date == NULL || eco_date_parse(date, &day) != 0 ||
	    day < eco_days_from_civil(ECO_CALENDAR_FIRST_YEAR, 1, 1) ||
	    day > eco_days_from_civil(ECO_CALENDAR_LAST_YEAR, 12, 31))
		return render_admin(ctx, 400,
		    N_("Enter a date from 2015 to 2036 (YYYY-MM-DD)."), NULL);
	clear = action != NULL && strcmp(action, "clear") == 0;
	if (eco_db_begin(ctx->db) != 0)
		return eco_error(ctx, 503, NULL, NULL);
	if (clear) {
		if (eco_calendar_clear_day(ctx->db, ctx->arena, date) < 0)
			return eco_error(ctx, 503, NULL, NULL);
	} else {
		const char *names[3] = { eco_form(ctx, "name_kk"),
		    eco_form(ctx, "name_ru"), eco_form(ctx, "name_en") };

		if (kind == NULL || eco_cal_kind_parse(kind, &k) != 0 ||
		    k == ECO_CAL_NONE)
			return render_admin(ctx, 400,
			    N_("Choose what kind of day it is."), NULL);
		if (!eco_cal_name_valid(names[0]) || !eco_cal_name_valid(names[1]) ||
		    !eco_cal_name_valid(names[2]))
			return render_admin(ctx, 400,
			    N_("Give the day a name in Kazakh, Russian and English."),
			    NULL);
		/* Transfers are the Government's; holidays the administrator's. */
		if (eco_calendar_set_day(ctx->db, ctx->arena, date,
		    eco_cal_kind_code(k), names, k == ECO_CAL_MOVED_WORK ||
		    k == ECO_CAL_MOVED_OFF ? "government" : "admin") != 0)
			return eco_error(ctx, 503, NULL, NULL);
	}
	if (eco_audit(ctx, clear ? "calendar.clear" : "calendar.set",
	    "calendar_day", date, NULL) != 0 || eco_db_commit(ctx->db) != 0)
		return eco_error(ctx, 503, NULL, NULL);
	eco_calendar_invalidate();
	return eco_redirect(ctx, eco_sprintf(ctx->arena, "%s?year=%.4s&saved=1",
	    eco_url(ctx, "/admin/calendar"), date));
}
