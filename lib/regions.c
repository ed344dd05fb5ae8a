/* The regions of Kazakhstan (see regions.h). */
#include <string.h>

#include "i18n.h"
#include "regions.h"

static const struct {
	const char	*code;
	const char	*msgid;
} regions[] = {
	{ "abai", N_("Abai Region") },
	{ "akmola", N_("Akmola Region") },
	{ "aktobe", N_("Aktobe Region") },
	{ "almaty_region", N_("Almaty Region") },
	{ "almaty_city", N_("Almaty") },
	{ "astana", N_("Astana") },
	{ "atyrau", N_("Atyrau Region") },
	{ "east_kazakhstan", N_("East Kazakhstan Region") },
	{ "jambyl", N_("Jambyl Region") },
	{ "jetisu", N_("Jetisu Region") },
	{ "west_kazakhstan", N_("West Kazakhstan Region") },
	{ "karaganda", N_("Karaganda Region") },
	{ "kostanay", N_("Kostanay Region") },
	{ "kyzylorda", N_("Kyzylorda Region") },
	{ "mangystau", N_("Mangystau Region") },
	{ "pavlodar", N_("Pavlodar Region") },
	{ "north_kazakhstan", N_("North Kazakhstan Region") },
	{ "turkistan", N_("Turkistan Region") },
	{ "ulytau", N_("Ulytau Region") },
	{ "shymkent", N_("Shymkent") },
};
#define NREGIONS	(sizeof(regions) / sizeof(regions[0]))

const char *
eco_region_msgid(const char *code)
{
	size_t i;

	for (i = 0; code != NULL && i < NREGIONS; i++)
		if (strcmp(regions[i].code, code) == 0)
			return regions[i].msgid;
	return NULL;
}

const char *
eco_region_code(size_t i)
{
	return i < NREGIONS ? regions[i].code : NULL;
}
