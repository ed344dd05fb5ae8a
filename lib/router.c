/*
 * Matching a path against the route table.  Tables are small (tens of
 * routes), so a linear scan segment by segment is simple and fast enough.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "router.h"

/* Length of the segment at s (up to the next '/' or the end). */
static size_t
segment_len(const char *s)
{
	return strcspn(s, "/");
}

static bool
is_lang(const char *s, size_t n)
{
	return n == 2 && (strncmp(s, "kk", 2) == 0 || strncmp(s, "ru", 2) == 0 ||
	    strncmp(s, "en", 2) == 0);
}

/*
 * Does path match pattern?  Fills m with the {name} values.  Both start
 * with '/'; segments are compared one by one, so "/a/{x}" never matches
 * "/a/b/c" and an empty segment never matches {x}.
 */
static bool
path_matches(const char *pattern, const char *path, struct eco_arena *a,
    struct eco_route_match *m)
{
	m->count = 0;
	while (*pattern == '/' && *path == '/') {
		size_t pn, sn;

		pattern++;
		path++;
		pn = segment_len(pattern);
		sn = segment_len(path);
		if (pn >= 2 && pattern[0] == '{' && pattern[pn - 1] == '}') {
			if (sn == 0)
				return false;
			if (pn == 6 && strncmp(pattern, "{lang}", 6) == 0 &&
			    !is_lang(path, sn))
				return false;
			if (m->count == ECO_ROUTE_MAX_PARAMS)
				return false;
			m->names[m->count] = eco_strndup(a, pattern + 1, pn - 2);
			m->values[m->count] = eco_strndup(a, path, sn);
			m->count++;
		} else if (pn != sn || strncmp(pattern, path, pn) != 0) {
			return false;
		}
		pattern += pn;
		path += sn;
	}
	return *pattern == '\0' && *path == '\0';
}

static bool
method_matches(const char *route_method, const char *method)
{
	if (strcmp(route_method, method) == 0)
		return true;
	return strcmp(method, "HEAD") == 0 && strcmp(route_method, "GET") == 0;
}

enum eco_route_result
eco_route_find(const struct eco_route *routes, size_t n, const char *method,
    const char *path, struct eco_arena *a, const struct eco_route **found,
    struct eco_route_match *m, const char **allow)
{
	struct eco_route_match scratch;
	char methods[128] = "";
	bool path_known = false;
	size_t i;

	*found = NULL;
	for (i = 0; i < n; i++) {
		if (!path_matches(routes[i].pattern, path, a, &scratch))
			continue;
		if (method_matches(routes[i].method, method)) {
			*found = &routes[i];
			*m = scratch;
			return ECO_ROUTE_FOUND;
		}
		path_known = true;
		if (strstr(methods, routes[i].method) == NULL &&
		    strlen(methods) + strlen(routes[i].method) + 3 < sizeof(methods)) {
			if (methods[0] != '\0')
				strcat(methods, ", ");
			strcat(methods, routes[i].method);
		}
	}
	if (!path_known)
		return ECO_ROUTE_NOT_FOUND;
	if (allow != NULL)
		*allow = eco_strdup(a, methods);
	return ECO_ROUTE_BAD_METHOD;
}

const char *
eco_route_param(const struct eco_route_match *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->count; i++)
		if (strcmp(m->names[i], name) == 0)
			return m->values[i];
	return NULL;
}

int
eco_routes_check(const struct eco_route *routes, size_t n, char *err,
    size_t errlen)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		const struct eco_route *r = &routes[i];

		if (r->method == NULL || r->pattern == NULL || r->page == NULL ||
		    r->pattern[0] != '/' || strstr(r->pattern, "//") != NULL) {
			snprintf(err, errlen, "route %zu is malformed", i);
			return -1;
		}
		for (j = 0; j < i; j++) {
			if (strcmp(routes[j].method, r->method) == 0 &&
			    strcmp(routes[j].pattern, r->pattern) == 0) {
				snprintf(err, errlen, "route %s %s appears twice",
				    r->method, r->pattern);
				return -1;
			}
		}
	}
	return 0;
}
