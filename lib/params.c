/* Name/value lists and the default limits for outside input. */
#include <string.h>

#include "arena.h"
#include "params.h"

const struct eco_limits eco_default_limits = {
	.max_fields = 200,
	.max_name = 128,
	.max_value = 64 * 1024,
	.max_file = 10 * 1024 * 1024,
};

void
eco_params_add(struct eco_arena *a, struct eco_params *ps,
    const struct eco_param *p)
{
	if (ps->count == ps->cap) {
		size_t cap = ps->cap ? ps->cap * 2 : 8;
		struct eco_param *items = eco_alloc(a, cap * sizeof(*items));

		if (ps->count)
			memcpy(items, ps->items, ps->count * sizeof(*items));
		ps->items = items;
		ps->cap = cap;
	}
	ps->items[ps->count++] = *p;
}

const struct eco_param *
eco_params_find(const struct eco_params *ps, const char *name)
{
	size_t i;

	for (i = 0; i < ps->count; i++)
		if (strcmp(ps->items[i].name, name) == 0)
			return &ps->items[i];
	return NULL;
}

const char *
eco_params_get(const struct eco_params *ps, const char *name)
{
	const struct eco_param *p = eco_params_find(ps, name);

	return p ? p->value : NULL;
}
