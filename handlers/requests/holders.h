/* The information holders, for forms that choose one. */
#ifndef ECO_REQUESTS_HOLDERS_H
#define ECO_REQUESTS_HOLDERS_H

#include <jansson.h>

struct eco_ctx;

/*
 * The active holders as options of a <select>: [{"id","name","selected"}]
 * with names in the page's language.  NULL if the database failed.
 */
json_t	*holder_options(struct eco_ctx *, long long selected);

#endif
