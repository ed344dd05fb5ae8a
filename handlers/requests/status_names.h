/*
 * The names of a request's statuses ("in_progress" -> "In progress"), in
 * one file of their own because two handlers show them: eco-requests, and
 * eco-courts for the requests a court case grew from.
 */
#ifndef ECO_REQUESTS_STATUS_NAMES_H
#define ECO_REQUESTS_STATUS_NAMES_H

#include <stddef.h>

/* The msgid of a status; "" for a code that is none. */
const char *request_status_name(const char *code);
/* The i-th status code in display order; NULL past the last. */
const char *request_status_name_code(size_t i);

#endif
