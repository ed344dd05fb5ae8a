/* The administrators' page of the calendar: Government transfers, Kurban Ait. */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "calendar.h"
#include "calendar_db.h"
#include "date.h"
#include "pages.h"
#include "session.h"
#include "utf8.h"

static struct eco_stmt q_set_day = ECO_STMT(
    "INSERT INTO core.calendar_days "
    "    (day, working, kind, name_kk, name_ru, name_en, source) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (day) DO UPDATE SET "
    "    working = EXCLUDED.working, kind = EXCLUDED.kind, "
    "    name_kk = EXCLUDED.name_kk, name_ru = EXCLUDED.name_ru, "
    "    name_en = EXCLUDED.name_en, source = EXCLUDED.source, "
    "    updated_at = now()");

static struct eco_stmt q_clear_day = ECO_STMT(
    "DELETE FROM core.calendar_days WHERE day = $1");

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
	    N_("The calendar is saved. Deadlines use it at once.") : NULL);
}

static bool
name_ok(const char *s)
{
	return s != NULL && s[0] != '\0' && strlen(s) <= 200 &&
	    eco_text_valid(s, strlen(s), false);
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
	const char *params[7];
	enum eco_cal_kind k;
	long day;

	if (date == NULL || eco_date_parse(date, &day) != 0 ||
	    day < eco_days_from_civil(ECO_CALENDAR_FIRST_YEAR, 1, 1) ||
	    day > eco_days_from_civil(ECO_CALENDAR_LAST_YEAR, 12, 31))
		return render_admin(ctx, 400,
		    N_("Enter a date from 2015 to 2036 (YYYY-MM-DD)."), NULL);
	params[0] = date;
	if (eco_db_begin(ctx->db) != 0)
		return eco_error(ctx, 503, NULL, NULL);
	if (action != NULL && strcmp(action, "clear") == 0) {
		if (eco_db_exec(ctx->db, ctx->arena, &q_clear_day, 1, params) == NULL)
			return eco_error(ctx, 503, NULL, NULL);
	} else {
		if (kind == NULL || eco_cal_kind_parse(kind, &k) != 0 ||
		    k == ECO_CAL_NONE)
			return render_admin(ctx, 400,
			    N_("Choose what kind of day it is."), NULL);
		params[1] = k == ECO_CAL_MOVED_WORK ? "t" : "f";
		params[2] = eco_cal_kind_code(k);
		params[3] = eco_form(ctx, "name_kk");
		params[4] = eco_form(ctx, "name_ru");
		params[5] = eco_form(ctx, "name_en");
		params[6] = k == ECO_CAL_MOVED_WORK || k == ECO_CAL_MOVED_OFF ?
		    "government" : "admin";
		if (!name_ok(params[3]) || !name_ok(params[4]) || !name_ok(params[5]))
			return render_admin(ctx, 400,
			    N_("Give the day a name in Kazakh, Russian and English."),
			    NULL);
		if (eco_db_exec(ctx->db, ctx->arena, &q_set_day, 7, params) == NULL)
			return eco_error(ctx, 503, NULL, NULL);
	}
	if (eco_audit(ctx, action != NULL && strcmp(action, "clear") == 0 ?
	    "calendar.clear" : "calendar.set", "calendar_day", date, NULL) != 0 ||
	    eco_db_commit(ctx->db) != 0)
		return eco_error(ctx, 503, NULL, NULL);
	eco_calendar_invalidate();
	return eco_redirect(ctx, eco_sprintf(ctx->arena, "%s?year=%.4s&saved=1",
	    eco_url(ctx, "/admin/calendar"), date));
}
