/*
 * The regions of Kazakhstan the portal's registers name: the 17 oblasts
 * and the three cities of republican significance, as codes ("pavlodar",
 * "almaty_city") with their names as catalogue msgids.  Reference data
 * shared by every module (holders, court cases, hearings, facilities).
 */
#ifndef ECO_REGIONS_H
#define ECO_REGIONS_H

#include <stddef.h>

/* The msgid of a region's name, or NULL for a code that is none. */
const char *eco_region_msgid(const char *code);
/* The i-th region code in display order; NULL past the last. */
const char *eco_region_code(size_t i);

#endif
