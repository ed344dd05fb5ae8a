/*
 * The deadline calculator: a due date from a date and a period (or a rule
 * of law), with its explanation.  The same query drives the API and the
 * page, so they can never disagree.
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "calendar.h"
#include "calendar_db.h"
#include "date.h"
#include "deadline.h"
#include "pages.h"
#include "validate.h"

#define MAX_PERIOD	3650	/* ten years of days: beyond any statute */

/* The rule in force on the day of the event that starts its period. */
static struct eco_stmt q_rule = ECO_STMT(
    "SELECT period, unit, direction, title_kk, title_ru, title_en, "
    "       law_kk, law_ru, law_en "
    "FROM core.deadline_rules WHERE code = $1 AND valid_from <= $2 "
    "  AND (valid_to IS NULL OR valid_to > $2) "
    "ORDER BY valid_from DESC LIMIT 1");

/* The rules in force on a day, for the calculator's list. */
static struct eco_stmt q_rules = ECO_STMT(
    "SELECT code, period, unit, direction, title_kk, title_ru, title_en "
    "FROM core.deadline_rules WHERE valid_from <= $1 "
    "  AND (valid_to IS NULL OR valid_to > $1) ORDER BY module DESC, code");

struct deadline_query {
	const char			*from_text;
	long				 from;
	long				 n;
	enum eco_period_unit		 unit;
	enum eco_period_direction	 direction;
	const char			*rule;		/* code, or NULL */
	const char			*rule_title;
	const char			*rule_law;
	/* The calendar the steps point into: asked once per request, since
	 * asking again may replace (and free) it. */
	const struct eco_calendar	*calendar;
	long				 due;
	struct eco_deadline_step	 steps[ECO_DEADLINE_STEPS_MAX];
	size_t				 nsteps;
};

/* Column of the language's text among three (kk, ru, en) from first. */
static const char *
in_lang(struct eco_ctx *ctx, PGresult *res, int first)
{
	return PQgetvalue(res, 0, first + (int)ctx->lang);
}

/*
 * Reads ?from=&days=&unit= or ?from=&months= or ?rule=&from= and computes
 * the due date.  0, or the HTTP status with *code and *message (a msgid).
 */
static int
compute(struct eco_ctx *ctx, struct deadline_query *q, const char **code,
    const char **message)
{
	const char *days = eco_query(ctx, "days"), *months = eco_query(ctx, "months");
	const char *unit = eco_query(ctx, "unit");

	memset(q, 0, sizeof(*q));
	q->from_text = eco_query(ctx, "from");
	q->rule = eco_query(ctx, "rule");
	if (q->rule != NULL && q->rule[0] == '\0')
		q->rule = NULL;
	*code = "bad_request";
	if (q->from_text == NULL || eco_date_parse(q->from_text, &q->from) != 0) {
		*code = "bad_date";
		*message = N_("Enter the date as YYYY-MM-DD.");
		return 400;
	}
	if (q->rule != NULL) {
		const char *params[2] = { q->rule, q->from_text };
		PGresult *res = eco_db_exec(ctx->db, ctx->arena, &q_rule, 2, params);

		if (res == NULL) {
			*code = "unavailable";
			*message = NULL;
			return 503;
		}
		if (PQntuples(res) != 1) {
			*code = "unknown_rule";
			*message = N_("There is no such rule for that date.");
			return 400;
		}
		q->n = strtol(PQgetvalue(res, 0, 0), NULL, 10);
		eco_unit_parse(PQgetvalue(res, 0, 1), &q->unit);
		eco_direction_parse(PQgetvalue(res, 0, 2), &q->direction);
		q->rule_title = in_lang(ctx, res, 3);
		q->rule_law = in_lang(ctx, res, 6);
	} else if (months != NULL && days == NULL) {
		if ((q->n = eco_parse_count(months, 120)) < 0) {
			*message = N_("The number of months must be from 0 to 120.");
			return 400;
		}
		q->unit = ECO_UNIT_MONTHS;
	} else if (days != NULL && months == NULL) {
		if ((q->n = eco_parse_count(days, MAX_PERIOD)) < 0) {
			*message = N_("The number of days must be from 0 to 3650.");
			return 400;
		}
		if (unit == NULL || (strcmp(unit, "calendar") != 0 &&
		    strcmp(unit, "working") != 0)) {
			*message = N_("Count calendar days or working days.");
			return 400;
		}
		eco_unit_parse(unit, &q->unit);
	} else {
		*message = N_("Give a number of days with its unit, a number of months, or a rule.");
		return 400;
	}
	if ((q->calendar = eco_calendar_current(ctx)) == NULL) {
		*code = "unavailable";
		*message = NULL;
		return 503;
	}
	if (eco_deadline_compute(q->calendar, q->from, q->n, q->unit, q->direction,
	    &q->due, q->steps, ECO_DEADLINE_STEPS_MAX, &q->nsteps) != 0) {
		*code = "out_of_range";
		*message = N_("The date or the due date falls outside the calendar (2015–2036).");
		return 400;
	}
	return 0;
}

/* The steps as [{"kind","date","text"}] in the request's language. */
static json_t *
steps_json(struct eco_ctx *ctx, const struct deadline_query *q)
{
	json_t *steps = json_array();
	size_t i;

	for (i = 0; i < q->nsteps; i++) {
		struct eco_buf text;
		json_t *step;

		eco_buf_init(&text, ctx->arena);
		eco_deadline_step_text(ctx->app->catalogs, ctx->lang, q->calendar,
		    &q->steps[i], &text);
		step = json_pack("{s:s,s:s}", "kind",
		    eco_deadline_step_code(q->steps[i].kind), "text", text.data);
		/* Steps that speak of no day ("only working days count") have none. */
		if (q->steps[i].day != 0) {
			char iso[11];

			eco_date_format_iso(q->steps[i].day, iso, sizeof(iso));
			json_object_set_new(step, "date", json_string(iso));
		}
		json_array_append_new(steps, step);
	}
	return steps;
}

/*
 * GET /api/v1/deadline?from=YYYY-MM-DD&days=N&unit=calendar|working,
 * ?from=&months=N, or ?rule=CODE&from=: the due date and its explanation.
 * 200 {"due","from","period","unit","direction","steps":[...],"rule"?};
 * 400 bad input; 503 database unavailable.
 */
int
api_deadline(struct eco_ctx *ctx)
{
	struct deadline_query q;
	const char *code, *message;
	json_t *out;
	char due[11];
	int status = compute(ctx, &q, &code, &message);

	if (status != 0)
		return eco_error(ctx, status, code, message);
	eco_date_format_iso(q.due, due, sizeof(due));
	out = json_pack("{s:s,s:s,s:I,s:s,s:s,s:o}", "due", due,
	    "from", q.from_text, "period", (json_int_t)q.n,
	    "unit", eco_unit_code(q.unit),
	    "direction", eco_direction_code(q.direction),
	    "steps", steps_json(ctx, &q));
	if (q.rule != NULL)
		json_object_set_new(out, "rule", json_pack("{s:s,s:s,s:s}",
		    "code", q.rule, "title", q.rule_title, "law", q.rule_law));
	return eco_json(ctx, 200, out);
}

/* The rules in force today, for the calculator's list. */
static json_t *
rules_json(struct eco_ctx *ctx, const char *selected)
{
	char today[11];
	const char *params[1] = { today };
	json_t *rules = json_array();
	PGresult *res;
	int i;

	eco_date_format_iso(ctx->today, today, sizeof(today));
	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_rules, 1, params)) == NULL)
		return rules;
	for (i = 0; i < PQntuples(res); i++)
		json_array_append_new(rules, json_pack("{s:s,s:s,s:b}",
		    "code", PQgetvalue(res, i, 0),
		    "title", PQgetvalue(res, i, 4 + (int)ctx->lang),
		    "selected", selected != NULL &&
		    strcmp(selected, PQgetvalue(res, i, 0)) == 0));
	return rules;
}

/*
 * GET /{lang}/deadline: the calculator; with ?from= and a period or a rule
 * also the due date and its explanation.  200; 400 bad input (the form
 * again with the message); 503 database unavailable.
 */
int
page_deadline(struct eco_ctx *ctx)
{
	struct deadline_query q;
	const char *code, *message;
	json_t *data = json_object();
	int status = 200;

	json_object_set_new(data, "title",
	    json_string(eco_tr(ctx, N_("Deadline calculator"))));
	if (eco_query(ctx, "from") != NULL) {
		status = compute(ctx, &q, &code, &message);
		if (status == 503) {
			json_decref(data);
			return eco_error(ctx, 503, NULL, NULL);
		}
		if (status != 0) {
			json_object_set_new(data, "error",
			    json_string(eco_tr(ctx, message)));
		} else {
			char due[11];

			eco_date_format_iso(q.due, due, sizeof(due));
			json_object_set_new(data, "due", json_string(due));
			json_object_set_new(data, "steps", steps_json(ctx, &q));
			if (q.rule_title != NULL) {
				json_object_set_new(data, "rule_title",
				    json_string(q.rule_title));
				json_object_set_new(data, "rule_law",
				    json_string(q.rule_law));
			}
			status = 200;
		}
	}
	/* The form keeps what was asked. */
	json_object_set_new(data, "from", json_string(eco_query(ctx, "from") ?
	    eco_query(ctx, "from") : ""));
	json_object_set_new(data, "days", json_string(eco_query(ctx, "days") ?
	    eco_query(ctx, "days") : ""));
	json_object_set_new(data, "months", json_string(eco_query(ctx, "months") ?
	    eco_query(ctx, "months") : ""));
	json_object_set_new(data, "unit_working", json_boolean(
	    eco_query(ctx, "unit") && strcmp(eco_query(ctx, "unit"), "working") == 0));
	json_object_set_new(data, "rules", rules_json(ctx, eco_query(ctx, "rule")));
	return eco_render(ctx, status, "portal/deadline", data);
}
