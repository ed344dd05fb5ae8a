/* The home page, and "/" choosing a language. */
#include "app.h"
#include "pages.h"

/* The sections of the portal, in the order the home page shows them. */
static const struct {
	const char	*path;
	const char	*title;
	const char	*summary;
	const char	*icon;
} sections[] = {
	{ "/requests", N_("Environmental information requests"),
	  N_("Ask a state body for environmental information and follow the statutory deadlines of every public request."),
	  "requests" },
	{ "/hearings", N_("Public hearings"),
	  N_("Announcements of public hearings, remarks and proposals of the public, and the protocols."),
	  "hearings" },
	{ "/courts", N_("Court cases"),
	  N_("Environmental court cases: claims, decisions at every instance, and their enforcement."),
	  "courts" },
	{ "/prtr", N_("Pollutant release and transfer register"),
	  N_("Releases and transfers of pollutants by facility, substance and year."),
	  "prtr" },
	{ "/fund", N_("Fund catalogue"),
	  N_("The catalogue of the State Environmental Information Fund: registration book, register and sources."),
	  "fund" },
};

/*
 * GET /: sends the visitor to the home page in their language (cookie,
 * then Accept-Language, then Kazakh).  303.
 */
int
page_root(struct eco_ctx *ctx)
{
	eco_response_header(&ctx->res, "Vary", "Cookie, Accept-Language");
	return eco_redirect(ctx, eco_url(ctx, "/"));
}

/*
 * The section list in one language.  It depends only on the language and
 * the catalogs, which are fixed for the life of the process, so each
 * worker builds it once per language and keeps it.
 */
static json_t *
section_list(struct eco_ctx *ctx)
{
	static json_t *cache[ECO_LANG_COUNT];
	json_t *list;
	size_t i;

	if (cache[ctx->lang] != NULL)
		return cache[ctx->lang];
	list = json_array();
	for (i = 0; i < sizeof(sections) / sizeof(sections[0]); i++)
		json_array_append_new(list, json_pack("{s:s,s:s,s:s,s:s}",
		    "href", eco_url(ctx, sections[i].path),
		    "title", eco_tr(ctx, sections[i].title),
		    "summary", eco_tr(ctx, sections[i].summary),
		    "icon", sections[i].icon));
	cache[ctx->lang] = list;
	return list;
}

/* GET /{lang}/: what the portal is and where to go.  200. */
int
page_home(struct eco_ctx *ctx)
{
	json_t *data = json_object();

	json_object_set(data, "sections", section_list(ctx));
	json_object_set_new(data, "title", json_string(eco_tr(ctx,
	    N_("State Environmental Information Fund"))));
	json_object_set_new(data, "home", json_true());
	return eco_render(ctx, 200, "portal/home", data);
}
