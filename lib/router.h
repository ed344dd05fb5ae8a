/*
 * The router: one table per handler of method + path pattern -> page
 * function + the roles it admits.  Authorization is decided from this table
 * and nowhere else.
 *
 * A pattern is a path of literal segments and {name} segments.  {lang}
 * matches only kk, ru or en; any other {name} matches one non-empty segment.
 * HEAD matches GET routes.  A trailing slash matters ("/kk/" is not "/kk").
 */
#ifndef ECO_ROUTER_H
#define ECO_ROUTER_H

#include <stddef.h>

#define ECO_ROUTE_MAX_PARAMS	8

/*
 * Not a role but a mark or'd into a public route's roles: its form needs
 * no CSRF token.  Only for a POST that carries nobody's session authority:
 * one that asks for a confirmation mail, or one whose authority is a secret
 * token in its own URL (which a forging site cannot know).  The pages
 * showing such forms then set no per-visitor cookie and hold no
 * per-visitor token, and can be kept by a cache.
 */
#define ECO_ROUTE_OPEN_FORM	(1 << 8)

struct eco_ctx;
struct eco_arena;

/*
 * A page: fills ctx->res and returns the HTTP status it answered with.
 * Every page function opens with a comment saying what it does and which
 * statuses it returns.
 */
typedef int	(*eco_page_fn)(struct eco_ctx *);

struct eco_route {
	const char	*method;	/* "GET", "POST", "DELETE", ... */
	const char	*pattern;
	eco_page_fn	 page;
	int		 roles;		/* ECO_ROLE_PUBLIC, or enum eco_role bits;
				   maybe | ECO_ROUTE_OPEN_FORM */
};

struct eco_route_match {
	const char	*names[ECO_ROUTE_MAX_PARAMS];
	const char	*values[ECO_ROUTE_MAX_PARAMS];
	size_t		 count;
};

enum eco_route_result {
	ECO_ROUTE_FOUND = 0,
	ECO_ROUTE_NOT_FOUND,
	ECO_ROUTE_BAD_METHOD	/* the path exists with other methods */
};

/*
 * Finds the route for method and path.  On ECO_ROUTE_BAD_METHOD, allow
 * receives the allowed methods ("GET, POST") for the Allow header.
 */
enum eco_route_result eco_route_find(const struct eco_route *, size_t nroutes,
	    const char *method, const char *path, struct eco_arena *,
	    const struct eco_route **found, struct eco_route_match *,
	    const char **allow);

/* A matched {name}, or NULL. */
const char *eco_route_param(const struct eco_route_match *, const char *name);

/* Checks a table at start: patterns well formed, no duplicates. 0 or -1. */
int	eco_routes_check(const struct eco_route *, size_t, char *err, size_t errlen);

#endif
