/*
 * Tables of codes and the msgids that name them ({ "waste", N_("Waste") }),
 * each ended by { NULL, NULL }: how every module names its codes on pages.
 */
#ifndef ECO_CODES_H
#define ECO_CODES_H

#include <stddef.h>

struct eco_label {
	const char	*code;
	const char	*msgid;
};

/* The msgid of code in t; "" for a code that is none (or NULL). */
const char *eco_label_find(const struct eco_label *t, const char *code);
/* The i-th code of t, in the table's order; NULL past the last. */
const char *eco_label_code(const struct eco_label *t, size_t i);

#endif
