/*
 * The Atom feed (RFC 4287) of new court acts: the texts of acts clerks
 * add to the registry's cases (courts.documents), the newest 50 first,
 * of every case or of one category's.  An entry links to the act's page
 * and to its case's page, in the feed's language; its summary is the
 * case's title.  Court acts are public; generated benchmark cases are
 * left out.  Links are absolute, from the configured site address.
 */
#include <stdlib.h>

#include "app.h"
#include "atom.h"
#include "buf.h"
#include "labels.h"
#include "pages.h"
#include "xml.h"

/*
 * Ids of feeds and entries are tag URIs (RFC 4151) under the portal's
 * domain, fixed rather than taken from the configured address, so an
 * entry keeps its id if the site moves.
 */
#define FEED_TAG	"tag:ecogosfond.kz,2026:courts/"

#define FEED_SELECT \
    "SELECT d.id, d.case_id, d.title, d.language, d.kind, " \
    "       extract(epoch FROM d.created_at)::bigint, " \
    "       c.title_kk, c.title_ru, c.category " \
    "FROM courts.documents d JOIN courts.cases c ON c.id = d.case_id " \
    "WHERE NOT c.generated "
/* The newest 50: a reader that polls keeps up, and the feed stays small. */
#define FEED_ORDER	"ORDER BY d.created_at DESC, d.id DESC LIMIT 50"

static struct eco_stmt q_all = ECO_STMT(FEED_SELECT FEED_ORDER);
static struct eco_stmt q_category = ECO_STMT(
    FEED_SELECT "AND c.category = $1 " FEED_ORDER);

/* <name xml:lang="lang">text</name>, the text escaped: a text in the
 * language of the case or the act rather than the feed's. */
static void
element_lang(struct eco_buf *b, const char *name, const char *lang,
    const char *text)
{
	eco_buf_printf(b, "<%s xml:lang=\"%s\">", name, lang);
	eco_xml_escape(b, text);
	eco_buf_printf(b, "</%s>\n", name);
}

/* Row i of res as an entry. */
static void
entry(struct eco_ctx *ctx, struct eco_buf *b, PGresult *res, int i)
{
	const char *site = ctx->app->config.site_url;
	const char *lang = eco_lang_code(ctx->lang);
	const char *doc = PQgetvalue(res, i, 0), *id = PQgetvalue(res, i, 1);
	/* The cases are told in Kazakh and Russian; English reads Russian. */
	int title = ctx->lang == ECO_LANG_KK ? 6 : 7;
	long long at = strtoll(PQgetvalue(res, i, 5), NULL, 10);

	eco_buf_puts(b, "<entry>\n");
	eco_buf_printf(b, "<id>" FEED_TAG "acts/%s</id>\n", doc);
	element_lang(b, "title", PQgetvalue(res, i, 3), PQgetvalue(res, i, 2));
	eco_xml_link(b, "alternate", "text/html", eco_sprintf(ctx->arena,
	    "%s/%s/courts/%s/acts/%s", site, lang, id, doc));
	eco_xml_link(b, "related", "text/html", eco_sprintf(ctx->arena,
	    "%s/%s/courts/%s", site, lang, id));
	eco_xml_time_element(b, "published", at);
	eco_xml_time_element(b, "updated", at);
	eco_buf_puts(b, "<category term=\"");
	eco_xml_escape(b, PQgetvalue(res, i, 8));
	eco_buf_puts(b, "\" label=\"");
	eco_xml_escape(b, eco_tr(ctx, court_label_category(
	    PQgetvalue(res, i, 8))));
	eco_buf_puts(b, "\"/>\n");
	element_lang(b, "summary", title == 6 ? "kk" : "ru",
	    PQgetvalue(res, i, title));
	eco_buf_puts(b, "</entry>\n");
}

/*
 * GET /{lang}/courts/feed.atom[?category=code]: the newest court acts of
 * every case, or of one category's.  200 application/atom+xml; 400 an
 * unknown category; 503.
 */
int
page_court_feed(struct eco_ctx *ctx)
{
	const char *category = eco_query(ctx, "category");
	const char *title = eco_tr(ctx, N_("New court acts"));
	const char *filter = "";		/* of the links: "?category=..." */
	const char *p[1];
	PGresult *res;
	int i;

	if (category != NULL && category[0] == '\0')
		category = NULL;
	if (category != NULL && court_label_category(category)[0] == '\0')
		return eco_error(ctx, 400, "bad_request",
		    N_("Unknown category"));
	p[0] = category;
	res = eco_db_exec(ctx->db, ctx->arena, category != NULL ?
	    &q_category : &q_all, category != NULL ? 1 : 0, p);
	if (res == NULL)
		return eco_error(ctx, 503, NULL, NULL);
	if (category != NULL) {
		title = eco_sprintf(ctx->arena, "%s \xe2\x80\x94 %s", title,
		    eco_tr(ctx, court_label_category(category)));
		filter = eco_sprintf(ctx->arena, "?category=%s", category);
	}
	/* category is one of the codes: letters and "_" only. */
	eco_atom_begin(ctx, FEED_TAG, category != NULL ? category : "all",
	    title, eco_sprintf(ctx->arena, "/courts%s", filter),
	    eco_sprintf(ctx->arena, "/courts/feed.atom%s", filter),
	    PQntuples(res) > 0 ? strtoll(PQgetvalue(res, 0, 5), NULL, 10) : 0);
	for (i = 0; i < PQntuples(res); i++)
		entry(ctx, &ctx->res.body, res, i);
	return eco_atom_end(ctx);
}
