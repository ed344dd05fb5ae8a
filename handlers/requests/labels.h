/*
 * What the codes of the request workflow are called on pages and in mail:
 * English msgids, translated by the caller.  Each returns "" for a code it
 * does not know.
 */
#ifndef ECO_REQUESTS_LABELS_H
#define ECO_REQUESTS_LABELS_H

#include <stddef.h>

const char *label_status(const char *code);	/* "in_progress" */
const char *label_event(const char *code);	/* "registered", "extend" */
const char *label_ground(const char *code);	/* "restricted_access" */
const char *label_reason(const char *code);	/* "inspection" */
const char *label_complexity(const char *code);	/* "simple" */
const char *label_channel(const char *code);	/* "portal", "paper" */
const char *label_region(const char *code);	/* "almaty_city" */
const char *label_complaint_instance(const char *code);	/* "court" */
const char *label_complaint_outcome(const char *code);	/* "dismissed" */
const char *label_holder_kind(const char *code);	/* "ministry" */

/* The i-th region, status or holder kind code, in display order; NULL
 * past the end. */
const char *label_region_code(size_t i);
const char *label_status_code(size_t i);
const char *label_holder_kind_code(size_t i);

#endif
