/*
 * The public page of a court act: its text as the registry holds it
 * (escaped, its paragraphs kept), with the case it belongs to.
 */
#include "app.h"
#include "buf.h"
#include "case_text.h"
#include "db.h"
#include "labels.h"
#include "pages.h"
#include "validate.h"

/* A court act of a case; not found when it is another case's. */
static struct eco_stmt q_act = ECO_STMT(
    "SELECT d.kind, d.instance, to_char(d.issued_on, 'YYYY-MM-DD'), "
    "d.language, d.title, d.body, c.title_kk, c.title_ru "
    "FROM courts.documents d JOIN courts.cases c ON c.id = d.case_id "
    "WHERE d.case_id = $1::bigint AND d.id = $2::bigint");

static int
not_found(struct eco_ctx *ctx)
{
	return eco_error(ctx, 404, NULL, N_("There is no such court act."));
}

/* A column's text, NULL when it is null. */
static const char *
value(PGresult *res, int col)
{
	return PQgetisnull(res, 0, col) ? NULL : PQgetvalue(res, 0, col);
}

/*
 * GET /{lang}/courts/{id}/acts/{doc_id}: the text of a court act.  200;
 * 404 (the translated page) for an unknown or malformed id, or an act of
 * another case; 503.
 */
int
page_court_act(struct eco_ctx *ctx)
{
	long long id = eco_parse_id(eco_param(ctx, "id"));
	long long doc = eco_parse_id(eco_param(ctx, "doc_id"));
	const char *p[2], *date;
	struct eco_buf when;
	PGresult *res;
	bool kk = ctx->lang == ECO_LANG_KK;

	if (id <= 0 || doc <= 0)
		return not_found(ctx);
	p[0] = eco_sprintf(ctx->arena, "%lld", id);
	p[1] = eco_sprintf(ctx->arena, "%lld", doc);
	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_act, 2, p)) == NULL)
		return eco_error(ctx, 503, NULL, NULL);
	if (PQntuples(res) != 1)
		return not_found(ctx);
	date = value(res, 2);
	eco_buf_init(&when, ctx->arena);
	court_date_text(ctx->app->catalogs, ctx->lang, date, &when);
	return eco_render(ctx, 200, "courts/act", json_pack(
	    "{s:s,s:s,s:s,s:s,s:s?,s:s,s:o,s:s,s:s,s:s}",
	    "title", value(res, 4),
	    "language", value(res, 3),
	    "kind", eco_tr(ctx, court_label_document_kind(value(res, 0))),
	    "instance", eco_tr(ctx, court_label_instance(value(res, 1))),
	    "datetime", date,
	    "when", when.data,
	    "body", court_paragraphs(value(res, 5)),
	    "case_url", eco_url(ctx, eco_sprintf(ctx->arena, "/courts/%lld",
	    id)),
	    "case_title", value(res, kk ? 6 : 7),
	    "case_lang", court_text_lang(ctx)));
}
