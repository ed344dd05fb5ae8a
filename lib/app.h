/*
 * The application frame every handler binary shares: from an accepted
 * FastCGI request to a written response.
 *
 *   parse request -> find route (404, 405) -> language -> session token ->
 *   roles of the route (401, 403; the database confirms the session is not
 *   revoked) -> body (400, 413, 415) -> CSRF for forms (403) -> page ->
 *   error page or JSON error -> response with security headers -> log line.
 *
 * A handler is a name and a route table; its main() is one call:
 *
 *	int main(int argc, char **argv)
 *	{
 *		return eco_app_main(argc, argv, &handler);
 *	}
 */
#ifndef ECO_APP_H
#define ECO_APP_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "arena.h"
#include "config.h"
#include "db.h"
#include "i18n.h"
#include "request.h"
#include "response.h"
#include "roles.h"
#include "router.h"
#include "token.h"

struct eco_templates;

struct eco_handler {
	const char		*name;		/* "eco-account" */
	const struct eco_route	*routes;
	size_t			 nroutes;
	/* Largest body any route accepts (0: 1 MiB). */
	size_t			 max_body;
};

/* What the process loaded at start, shared read-only by its workers. */
struct eco_app {
	const struct eco_handler *handler;
	struct eco_config	 config;
	struct eco_templates	*templates;
	struct eco_catalogs	*catalogs;
	struct eco_keyring	 keyring;
};

/* The signed-in account, confirmed against the database. */
struct eco_user {
	long long	 id;
	int		 role;
	const char	*email;
	const char	*full_name;
	const char	*lang;
	long long	 holder_id;	/* 0 if none */
	const char	*position;	/* officials: registrar, executor, head */
};

/* One request being served. */
struct eco_ctx {
	struct eco_arena	*arena;
	struct eco_app		*app;
	struct eco_db		*db;
	struct eco_request	 req;
	struct eco_response	 res;
	const struct eco_route	*route;
	struct eco_route_match	 match;
	enum eco_lang		 lang;
	bool			 api;		/* path under /api/: JSON errors */
	bool			 have_claims;	/* a valid signed token came */
	bool			 token_from_cookie; /* not an Authorization header */
	struct eco_claims	 claims;
	bool			 have_user;	/* loaded for role-protected routes */
	bool			 user_checked;	/* eco_signed_in_user() asked */
	struct eco_user		 user;
	const char		*csrf;		/* token for forms on this page */
	long			 today;		/* day number, Asia/Almaty */
	const char		*error_code;
	const char		*error_message;	/* msgid, translated when shown */
};

int	eco_app_main(int argc, char **argv, const struct eco_handler *);
/* Loads configuration, templates, catalogs and keys (tests, ecoctl). */
int	eco_app_load(struct eco_app *, const struct eco_handler *, char *err,
	    size_t errlen);

/* Serves one request (also used by tests with a fake environment). */
void	eco_app_serve(struct eco_app *, struct eco_db *, struct eco_arena *,
	    char **envp, eco_body_reader, void *reader_ud, struct eco_buf *out);

/* --- for pages --------------------------------------------------------- */

const char *eco_param(struct eco_ctx *, const char *name);	/* route {name} */
const char *eco_form(struct eco_ctx *, const char *name);	/* body field */
const char *eco_query(struct eco_ctx *, const char *name);	/* ?name= */

/*
 * On a public route: loads ctx->user if a valid session came with the
 * request.  True when ctx->user is the signed-in account.
 */
bool	eco_signed_in_user(struct eco_ctx *);
/* Translation in the request's language. */
const char *eco_tr(struct eco_ctx *, const char *msgid);
/* "/kk" + path: a link in the request's language. */
const char *eco_url(struct eco_ctx *, const char *path);

/*
 * Renders templates/<name>.html inside the layout with data (a JSON object
 * whose reference the call takes).  The layout gets, besides data: lang,
 * csrf, signed_in, user_role, path_rest (the path after the language, for
 * the language switch) and today.  Returns status.
 */
int	eco_render(struct eco_ctx *, int status, const char *name, json_t *data);
/*
 * Options of a <select> from a table of codes (code_at gives the i-th,
 * NULL past the last; label its msgid): [{"code","name","selected"}],
 * names in the page's language.
 */
json_t	*eco_code_options(struct eco_ctx *, const char *(*code_at)(size_t),
	    const char *(*label)(const char *), const char *selected);
/* Sends data (reference taken) as JSON.  Returns status. */
int	eco_json(struct eco_ctx *, int status, json_t *data);
/*
 * Starts a 200 download of content type, named <name>-<today>.<ext>, the
 * body emptied for it.  An export cut at max rows (cut true) says so in
 * its name (<name>-<today>-first-<max>.<ext>) and in an
 * X-Export-Truncated: <max> header.
 */
void	eco_download(struct eco_ctx *, const char *type, const char *name,
	    const char *ext, bool cut, long max);
/*
 * An error: under /api/ {"error":{"code":code,"message":...}}, otherwise the
 * error page, with message (an English msgid) translated.  Returns status.
 */
int	eco_error(struct eco_ctx *, int status, const char *code,
	    const char *message);
/*
 * For a form shown again: sets data's "errors" (field -> translated
 * message, for the fields) and "error_list" (for the summary at the top,
 * partials/form_errors).
 */
struct eco_field_error;
void	eco_form_errors(struct eco_ctx *, json_t *data,
	    const struct eco_field_error *, size_t n);
/*
 * An API answer of status (400, 409) with every problem (n > 0):
 * {"error":{"code","message","fields":{field: message}}}, code and message
 * those of the first, the messages in the request's language.
 */
int	eco_json_field_errors(struct eco_ctx *, int status,
	    const struct eco_field_error *, size_t n);
/* Copies the named body fields that came into data, to keep what was typed. */
void	eco_form_keep(struct eco_ctx *, json_t *data, const char *const *names,
	    size_t n);
/* 303 See Other to location. Returns 303. */
int	eco_redirect(struct eco_ctx *, const char *location);
/* 204 No Content. Returns 204. */
int	eco_no_content(struct eco_ctx *);
/*
 * The CSRF token for a form on this page: bound to the session, or for an
 * anonymous visitor to a pre-session cookie that this call sets if needed.
 * Forms send it back in a field named "csrf".
 */
const char *eco_csrf(struct eco_ctx *);

/* HttpOnly, and Secure everywhere but the dev run. */
int	eco_cookie_flags(const struct eco_ctx *);

/* GET /healthz, for every handler's table: 200, or 503 without a database. */
int	eco_page_healthz(struct eco_ctx *);

/* Names of the cookies. */
#define ECO_COOKIE_SESSION	"eco_session"
#define ECO_COOKIE_LANG		"eco_lang"
#define ECO_COOKIE_PRESESSION	"eco_pre"

#endif
