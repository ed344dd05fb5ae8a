/* Tables of codes and their names (see codes.h). */
#include <string.h>

#include "codes.h"

const char *
eco_label_find(const struct eco_label *t, const char *code)
{
	for (; code != NULL && t->code != NULL; t++)
		if (strcmp(t->code, code) == 0)
			return t->msgid;
	return "";
}

const char *
eco_label_code(const struct eco_label *t, size_t i)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (t[j].code == NULL)
			return NULL;
	return t[i].code;
}
