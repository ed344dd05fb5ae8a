/* Complaints as the API and the pages show them (see complaint_view.h). */
#include <stdlib.h>

#include "app.h"
#include "buf.h"
#include "complaint_act.h"
#include "complaint_view.h"
#include "date.h"
#include "store.h"

static struct eco_stmt q_complaints = ECO_STMT(
    "SELECT id, instance, body_name, learned_on, limit_on, filed_on, late, "
    "       outcome, outcome_on, court_case_key, text, outcome_note "
    "FROM requests.complaints WHERE request_id = $1 "
    "AND ($2::bigint IS NULL OR id = $2) ORDER BY id");

static json_t *
col(PGresult *res, int row, int c)
{
	return PQgetisnull(res, row, c) ? json_null() :
	    json_string(PQgetvalue(res, row, c));
}

/*
 * What the law says of a late complaint, with its limit and the law, in
 * the visitor's language.  NULL if the rule cannot be read.
 */
static const char *
late_warning(struct eco_ctx *ctx, const struct request_row *r,
    const char *limit_on)
{
	struct complaint_rule rule;
	struct eco_buf day;
	const char *law;
	long d;

	if (complaint_rule_load(ctx, r->st.received_on, &rule, &law) != 0 ||
	    eco_date_parse(limit_on, &d) != 0)
		return NULL;
	eco_buf_init(&day, ctx->arena);
	eco_format_day(ctx->app->catalogs, ctx->lang, d, &day);
	return eco_subst(ctx->arena, eco_tr(ctx,
	    N_("Filed after the time limit, {date} ({law}). A missed limit is no ground to refuse to accept a complaint; the reasons for the delay are examined with it and may be a ground to dismiss it.")),
	    "date", day.data, "law", law, NULL);
}

json_t *
complaints_json(struct eco_ctx *ctx, const struct request_row *r,
    long long id, enum view_access access)
{
	const char *p[2], *warning;
	PGresult *res;
	json_t *list, *c;
	int i;

	/* Most requests have none: nothing to ask (the loaded row says). */
	if (id == 0 && !r->has_complaints)
		return json_array();
	p[0] = eco_sprintf(ctx->arena, "%lld", r->id);
	p[1] = id != 0 ? eco_sprintf(ctx->arena, "%lld", id) : NULL;
	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_complaints, 2, p)) ==
	    NULL)
		return NULL;
	list = json_array();
	for (i = 0; i < PQntuples(res); i++) {
		bool late = PQgetvalue(res, i, 6)[0] == 't';

		warning = NULL;
		if (late && (warning = late_warning(ctx, r, PQgetvalue(res, i,
		    4))) == NULL) {
			json_decref(list);
			return NULL;
		}
		c = json_pack("{s:I,s:o,s:o,s:o,s:o,s:o,s:b,s:o,s:o,s:o,s:o}",
		    "id", (json_int_t)strtoll(PQgetvalue(res, i, 0), NULL, 10),
		    "instance", col(res, i, 1), "body_name", col(res, i, 2),
		    "learned_on", col(res, i, 3), "limit_on", col(res, i, 4),
		    "filed_on", col(res, i, 5), "late", late,
		    "warning", warning != NULL ? json_string(warning) :
		    json_null(),
		    "outcome", col(res, i, 7), "outcome_on", col(res, i, 8),
		    "court_case_key", col(res, i, 9));
		/* The requester's own words stay with the requester and the
		 * holder. */
		if (access == VIEW_PERSONAL) {
			json_object_set_new(c, "text", col(res, i, 10));
			json_object_set_new(c, "outcome_note", col(res, i, 11));
		}
		json_array_append_new(list, c);
	}
	return list;
}
